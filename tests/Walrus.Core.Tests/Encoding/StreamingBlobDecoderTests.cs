using Walrus.Core.Encoding;
using Walrus.Core.Tests.TestSupport;

namespace Walrus.Core.Tests.Encoding;

public sealed class StreamingBlobDecoderTests
{
    [Theory]
    [MemberData(nameof(TestBlobs.StreamingShapes), MemberType = typeof(TestBlobs))]
    public void Slivers_added_one_by_one_in_any_order_decode_into_a_file(int n, int size, int seed)
    {
        var encoded = EncodedTestBlob.Create(n, TestBlobs.Random(seed, size));
        var random = new Random(seed);
        foreach (var missingShare in new[] { 0.0, 0.4, 1.0 })
        {
            // Some systematic slivers are missing (their nodes are down); the others arrive shuffled with the rest.
            var arriving = encoded.Primary.Where(s => s.Index.Value >= encoded.Config.PrimarySourceSymbols || random.NextDouble() >= missingShare).ToArray();
            random.Shuffle(arriving);
            using var output = new TempFile();
            using (var decoder = StreamingBlobDecoder.Create(encoded.Config, encoded.Metadata, output.Path))
            {
                foreach (var sliver in arriving)
                {
                    if (decoder.HasEnough)
                    {
                        break;
                    }

                    Assert.Equal(SliverAddResult.Added, decoder.Add(sliver));
                }

                Assert.True(decoder.HasEnough);
                Assert.Equal(BlobDecodeStatus.Decoded, decoder.Finish(ConsistencyCheck.Default, out var error));
                Assert.Null(error);
            }

            Assert.Equal(encoded.Blob, File.ReadAllBytes(output.Path));
        }
    }

    [Fact]
    public void A_seekable_stream_is_written_in_place_from_its_position_and_a_forward_only_one_in_order()
    {
        var encoded = EncodedTestBlob.Create(31, TestBlobs.Random(6, 123_457));
        var rows = encoded.Config.PrimarySourceSymbols;

        // Systematic slivers out of order, one missing, and enough others.
        var arriving = encoded.Primary.Where(s => s.Index.Value != 2).Reverse().ToArray();
        using var memory = new MemoryStream();
        memory.Write(new byte[7]);
        using var forwardOnly = new WriteOnlyStream();
        foreach (Stream output in new Stream[] { memory, forwardOnly })
        {
            using var decoder = new StreamingBlobDecoder(encoded.Config, encoded.Metadata, output);
            foreach (var sliver in arriving)
            {
                decoder.Add(sliver);
            }

            Assert.True(decoder.SliverCount >= rows);
            Assert.Equal(BlobDecodeStatus.Decoded, decoder.Finish(ConsistencyCheck.Default, out _));
        }

        Assert.Equal(encoded.Blob, memory.ToArray()[7..]);
        Assert.Equal(encoded.Blob, forwardOnly.Written);
    }

    [Fact]
    public void Duplicates_unneeded_and_corrupted_slivers_are_reported_and_not_taken()
    {
        var encoded = EncodedTestBlob.Create(10, TestBlobs.Random(7, 20_000));
        using var output = new TempFile();
        using var decoder = StreamingBlobDecoder.Create(encoded.Config, encoded.Metadata, output.Path);
        var corrupted = encoded.Primary[1].Symbols.ToArray();
        corrupted[3] ^= 1;

        Assert.Equal(SliverAddResult.Invalid, decoder.Add(new SliverData(SliverType.Primary, new SliverIndex(1), encoded.SymbolSize, corrupted), out var verification));
        Assert.Equal(SliverVerificationResult.MerkleRootMismatch, verification);
        Assert.Equal(SliverAddResult.Added, decoder.Add(encoded.Primary[5]));
        Assert.Equal(SliverAddResult.Duplicate, decoder.Add(encoded.Primary[5]));
        Assert.Equal(BlobDecodeStatus.NotEnoughSlivers, decoder.Finish(ConsistencyCheck.Default, out _));
        Assert.Equal(SliverAddResult.Added, decoder.AddVerified(encoded.Primary[9]));
        Assert.Equal(SliverAddResult.Added, decoder.Add(encoded.Primary[7]));
        Assert.Equal(SliverAddResult.Added, decoder.Add(encoded.Primary[8]));
        Assert.True(decoder.HasEnough);
        Assert.Equal(SliverAddResult.NotNeeded, decoder.Add(encoded.Primary[6]));
        Assert.Equal(SliverAddResult.Added, decoder.Add(encoded.Primary[0]));
        Assert.Throws<ArgumentException>(() => decoder.Add(encoded.Secondary[0]));

        Assert.Equal(BlobDecodeStatus.Decoded, decoder.Finish(ConsistencyCheck.Strict, out _));
        Assert.Throws<InvalidOperationException>(() => decoder.Finish(ConsistencyCheck.Default, out _));
        decoder.Dispose();
        Assert.Equal(encoded.Blob, File.ReadAllBytes(output.Path));
    }

    [Fact]
    public void The_checks_catch_a_blob_whose_metadata_was_forged_for_one_systematic_sliver()
    {
        var honest = EncodedTestBlob.Create(7, TestBlobs.Random(8, 4_000));
        var forged = InconsistentBlobs.WithForgedPrimarySliver(honest, pair: 1);

        foreach (var check in new[] { ConsistencyCheck.Default, ConsistencyCheck.Strict })
        {
            using var output = new TempFile();
            using var decoder = StreamingBlobDecoder.Create(honest.Config, forged.Metadata, output.Path);
            foreach (var sliver in honest.Primary[3..6])
            {
                Assert.Equal(SliverAddResult.Added, decoder.Add(sliver));
            }

            Assert.Equal(BlobDecodeStatus.InconsistentBlob, decoder.Finish(check, out var error));
            Assert.NotNull(error);
        }

        // With the forged sliver itself the default check passes (it verified), the strict one does not.
        using var strictOutput = new TempFile();
        using var strict = StreamingBlobDecoder.Create(honest.Config, forged.Metadata, strictOutput.Path);
        Assert.Equal(SliverAddResult.Added, strict.Add(forged.Sliver));
        Assert.Equal(SliverAddResult.Added, strict.Add(honest.Primary[0]));
        Assert.Equal(SliverAddResult.Added, strict.Add(honest.Primary[2]));
        Assert.Equal(BlobDecodeStatus.InconsistentBlob, strict.Finish(ConsistencyCheck.Strict, out _));
    }

    [Fact]
    public void Slivers_added_from_eight_threads_decode_the_blob()
    {
        var encoded = EncodedTestBlob.Create(100, TestBlobs.Random(9, 300_000));
        using var output = new TempFile();
        using var decoder = StreamingBlobDecoder.Create(encoded.Config, encoded.Metadata, output.Path);
        var slivers = encoded.Primary.Where(s => s.Index.Value % 3 != 0).ToArray();

        Parallel.ForEach(slivers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, sliver => decoder.Add(sliver));

        Assert.True(decoder.HasEnough);
        Assert.Equal(BlobDecodeStatus.Decoded, decoder.Finish(ConsistencyCheck.Default, out _));
        decoder.Dispose();
        Assert.Equal(encoded.Blob, File.ReadAllBytes(output.Path));
    }

    [Fact]
    public void A_strict_check_needs_an_output_that_can_be_read_back()
    {
        var encoded = EncodedTestBlob.Create(10, TestBlobs.Random(10, 5_000));
        using var output = new WriteOnlyStream();
        using var decoder = new StreamingBlobDecoder(encoded.Config, encoded.Metadata, output);
        foreach (var sliver in encoded.Primary)
        {
            decoder.Add(sliver);
        }

        Assert.Throws<InvalidOperationException>(() => decoder.Finish(ConsistencyCheck.Strict, out _));
        Assert.Equal(BlobDecodeStatus.Decoded, decoder.Finish(ConsistencyCheck.Default, out _));
        Assert.Equal(encoded.Blob, output.Written);
    }
}
