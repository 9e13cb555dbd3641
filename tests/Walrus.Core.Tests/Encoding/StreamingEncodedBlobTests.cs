using System.Buffers;
using Walrus.Core.Encoding;
using Walrus.Core.Tests.TestSupport;

namespace Walrus.Core.Tests.Encoding;

public sealed class StreamingEncodedBlobTests
{
    // Tiny read buffers and bands: many slabs of rows and columns, many bands, a band split over the slabs.
    private static readonly EncodedBlobOptions Small = new() { MaxPrimaryBandBytes = 1, ReadBufferBytes = 1 };

    [Theory]
    [MemberData(nameof(TestBlobs.StreamingShapes), MemberType = typeof(TestBlobs))]
    public void Encoding_a_file_streaming_gives_the_metadata_and_every_pair_of_the_in_memory_encode(int n, int size, int seed)
    {
        var config = EncodingConfig.Create(n);
        var blob = TestBlobs.Random(seed, size);
        var encoder = new Rs2Encoder(config, new Rs2EncoderOptions { MaxDegreeOfParallelism = 2, ScratchBytesPerWorker = 64 << 10 });
        using var expected = encoder.Encode(blob, EncodedBlobOptions.MaterializeAll);
        using var file = new TempFile(blob);

        foreach (var options in new[] { EncodedBlobOptions.Default, Small, new EncodedBlobOptions { MaxPrimaryBandBytes = 3L * size / 2, ReadBufferBytes = 10_000 } })
        {
            using var streamed = encoder.EncodeStreaming(file.Path, options);
            Assert.Equal(expected.Metadata, streamed.Metadata);
            Assert.Equal(size, streamed.UnencodedLength);

            var seen = new List<SliverPair>();
            streamed.ForEachSliverPair(pair => seen.Add(pair.ToSliverPair()));
            Assert.Equal(expected.SliverPairs().ToList(), seen.OrderBy(p => p.Index.Value).ToList());
        }
    }

    [Fact]
    public void Streams_seekable_or_not_and_from_any_position_encode_like_the_file()
    {
        var config = EncodingConfig.Create(31);
        var blob = TestBlobs.Random(6, 123_457);
        var encoder = new Rs2Encoder(config);
        using var expected = encoder.Encode(blob);
        var prefixed = new byte[blob.Length + 100];
        blob.CopyTo(prefixed, 100);

        using var forwardOnly = encoder.EncodeStreaming(new ForwardOnlyStream(blob), Small);
        using var memory = new MemoryStream(prefixed) { Position = 100 };
        using var seekable = encoder.EncodeStreaming(memory, Small);

        foreach (var streamed in new[] { forwardOnly, seekable })
        {
            Assert.Equal(expected.Metadata, streamed.Metadata);
            var pairs = new List<SliverPair>();
            streamed.ForEachSliverPair(pair => pairs.Add(pair.ToSliverPair()));
            Assert.Equal(expected.SliverPairs().ToList(), pairs.OrderBy(p => p.Index.Value).ToList());
        }

        Assert.Equal(expected.Metadata, encoder.ComputeMetadata(new ForwardOnlyStream(blob)));
        using var file = new TempFile(blob);
        Assert.Equal(expected.Metadata, encoder.ComputeMetadata(file.Path));
    }

    [Fact]
    public void A_set_of_pairs_is_lent_each_once_whatever_the_order_and_repeats()
    {
        var config = EncodingConfig.Create(100);
        var blob = TestBlobs.Random(7, 200_000);
        var encoder = new Rs2Encoder(config);
        using var expected = encoder.Encode(blob);
        using var file = new TempFile(blob);
        using var streamed = encoder.EncodeStreaming(file.Path, new EncodedBlobOptions { MaxPrimaryBandBytes = 10L * 67 * config.GetSymbolSize(blob.Length) });
        ushort[] wanted = [99, 3, 40, 33, 34, 3, 66, 67, 98, 0, 35];
        var pairs = wanted.Select(p => new SliverPairIndex(p)).ToArray();

        var lent = new List<SliverPair>();
        streamed.ForEachSliverPair(pairs, pair => lent.Add(pair.ToSliverPair()));

        Assert.Equal(wanted.Distinct().Order().ToArray(), lent.Select(p => p.Index.Value).Order().ToArray());
        Assert.All(lent, pair => Assert.Equal(expected.GetSliverPair(pair.Index), pair));
        Assert.Throws<ArgumentOutOfRangeException>(() => streamed.ForEachSliverPair([new SliverPairIndex(100)], _ => { }));
    }

    [Fact]
    public void Pairs_write_their_slivers_bcs_into_a_buffer_writer()
    {
        var config = EncodingConfig.Create(10);
        var blob = TestBlobs.Random(8, 50_000);
        var encoder = new Rs2Encoder(config);
        using var expected = encoder.Encode(blob);
        using var streamed = encoder.EncodeStreaming(new MemoryStream(blob));

        var checkedPairs = 0;
        streamed.ForEachSliverPair(pair =>
        {
            var primary = new ArrayBufferWriter<byte>(1);
            var secondary = new ArrayBufferWriter<byte>();
            pair.WritePrimaryBcs(primary);
            pair.WriteSecondaryBcs(secondary);
            var reference = expected.GetSliverPair(pair.Index);
            Assert.Equal(reference.Primary.ToBcs(), primary.WrittenSpan.ToArray());
            Assert.Equal(reference.Secondary.ToBcs(), secondary.WrittenSpan.ToArray());
            Assert.Equal(SliverData.BcsLength(pair.Primary.Length), primary.WrittenCount);
            checkedPairs++;
        });

        Assert.Equal(10, checkedPairs);
    }

    [Fact]
    public void Producing_after_dispose_throws_and_a_missing_file_is_an_io_error()
    {
        var encoder = new Rs2Encoder(EncodingConfig.Create(10));
        var streamed = encoder.EncodeStreaming(new MemoryStream(TestBlobs.Random(9, 1_000)));
        streamed.Dispose();
        streamed.Dispose();

        Assert.Throws<ObjectDisposedException>(() => streamed.ForEachSliverPair(_ => { }));
        Assert.ThrowsAny<IOException>(() => encoder.EncodeStreaming("/nonexistent/walrus-blob"));
    }

    [Fact]
    public void Dispose_during_a_production_lets_it_finish_and_refuses_the_next()
    {
        var encoder = new Rs2Encoder(EncodingConfig.Create(31));
        var blob = TestBlobs.Random(10, 100_000);
        using var expected = encoder.Encode(blob);
        var streamed = encoder.EncodeStreaming(new MemoryStream(blob), Small);
        var lent = new List<SliverPair>();

        streamed.ForEachSliverPair(pair =>
        {
            if (lent.Count == 5)
            {
                streamed.Dispose();
            }

            lent.Add(pair.ToSliverPair());
        });

        Assert.Equal(expected.SliverPairs().ToList(), lent.OrderBy(p => p.Index.Value).ToList());
        Assert.Throws<ObjectDisposedException>(() => streamed.ForEachSliverPair(_ => { }));
    }

    [Fact]
    public void Every_production_gives_the_same_pairs_whether_or_not_it_uses_the_band_kept_from_the_metadata_pass()
    {
        var config = EncodingConfig.Create(31);
        var blob = TestBlobs.Random(11, 99_999);
        var encoder = new Rs2Encoder(config);
        using var expected = encoder.Encode(blob);
        var options = new EncodedBlobOptions { MaxPrimaryBandBytes = 4L * config.SecondarySourceSymbols * config.GetSymbolSize(blob.Length) };
        using var streamed = encoder.EncodeStreaming(new MemoryStream(blob), options);
        Assert.Equal(4, streamed.BandRows);

        // A subset within the kept band takes it; the full productions after it recompute every band.
        var subset = new List<SliverPair>();
        streamed.ForEachSliverPair([new SliverPairIndex(12), new SliverPairIndex(11)], pair => subset.Add(pair.ToSliverPair()));
        Assert.Equal([expected.GetSliverPair(new SliverPairIndex(11)), expected.GetSliverPair(new SliverPairIndex(12))], subset);
        for (var run = 0; run < 2; run++)
        {
            var pairs = new List<SliverPair>();
            streamed.ForEachSliverPair(pair => pairs.Add(pair.ToSliverPair()));
            Assert.Equal(expected.SliverPairs().ToList(), pairs.OrderBy(p => p.Index.Value).ToList());
        }
    }
}
