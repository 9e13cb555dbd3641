using Walrus.Core.Encoding;
using Walrus.Core.Tests.TestSupport;

namespace Walrus.Core.Tests.Encoding;

public sealed class EncodedBlobTests
{
    [Fact]
    public void Slivers_recomputed_in_bands_in_any_order_equal_the_materialized_ones()
    {
        var config = EncodingConfig.Create(100);
        var blob = TestBlobs.Random(41, 400_001);
        var encoder = new Rs2Encoder(config, new Rs2EncoderOptions { MaxDegreeOfParallelism = 2, ScratchBytesPerWorker = 64 << 10 });
        using var all = encoder.Encode(blob, EncodedBlobOptions.MaterializeAll);
        using var banded = encoder.Encode(blob, new EncodedBlobOptions { MaxPrimaryBandBytes = 5 * 67 * config.GetSymbolSize(blob.Length) });
        var order = Enumerable.Range(0, 100).ToArray();
        new Random(1).Shuffle(order);

        Assert.Equal(all.Metadata, banded.Metadata);
        foreach (var i in order)
        {
            var index = new SliverIndex((ushort)i);
            Assert.Equal(all.GetPrimarySliver(index), banded.GetPrimarySliver(index));
            Assert.Equal(all.GetSecondarySliver(index), banded.GetSecondarySliver(index));
        }
    }

    [Fact]
    public unsafe void Encoding_from_a_pointer_gives_the_same_slivers_and_metadata()
    {
        var config = EncodingConfig.Create(10);
        var blob = TestBlobs.Random(45, 33_333);
        using var fromMemory = new Rs2Encoder(config).Encode(blob);
        fixed (byte* pointer = blob)
        {
            using var fromPointer = new Rs2Encoder(config).Encode(pointer, blob.Length);
            Assert.Equal(fromMemory.Metadata, fromPointer.Metadata);
            Assert.Equal(fromMemory.Metadata, new Rs2Encoder(config).ComputeMetadata(pointer, blob.Length));
            Assert.Equal(fromMemory.SliverPairs().ToList(), fromPointer.SliverPairs().ToList());
        }
    }

    [Fact]
    public void The_result_does_not_depend_on_threads_or_scratch_size()
    {
        var config = EncodingConfig.Create(31);
        var blob = TestBlobs.Random(42, 250_000);
        var reference = new Rs2Encoder(config, new Rs2EncoderOptions { MaxDegreeOfParallelism = 1 }).ComputeMetadata(blob);
        foreach (var (workers, scratch) in new[] { (2, 1), (3, 10_000), (8, 1 << 22) })
        {
            var options = new Rs2EncoderOptions { MaxDegreeOfParallelism = workers, ScratchBytesPerWorker = scratch };
            Assert.Equal(reference, new Rs2Encoder(config, options).ComputeMetadata(blob));
        }
    }

    [Fact]
    public void Every_sliver_of_an_encoded_blob_verifies_against_its_metadata()
    {
        var encoded = EncodedTestBlob.Create(31, TestBlobs.Random(43, 77_777));
        var slivers = encoded.Primary.Concat(encoded.Secondary).ToList();

        Assert.Equal(MetadataVerificationResult.Valid, encoded.Metadata.Verify(encoded.Config));
        Assert.All(SliverVerifier.VerifyMany(slivers, encoded.Metadata.Metadata, encoded.Config), r => Assert.Equal(SliverVerificationResult.Valid, r));
    }

    [Fact]
    public void Metadata_verification_checks_count_length_and_blob_id()
    {
        var encoded = EncodedTestBlob.Create(7, TestBlobs.Random(44, 1_000));
        var metadata = encoded.Metadata;

        Assert.Equal(MetadataVerificationResult.InvalidHashCount, metadata.Verify(EncodingConfig.Create(10)));
        var otherId = new BlobMetadataWithId(BlobId.Zero, metadata.Metadata);
        Assert.Equal(MetadataVerificationResult.BlobIdMismatch, otherId.Verify(encoded.Config));
        var huge = new BlobMetadata(EncodingType.RS2, (ulong)encoded.Config.MaxBlobSize + 1, metadata.Metadata.Hashes);
        Assert.Equal(MetadataVerificationResult.UnencodedLengthTooLarge, BlobMetadataWithId.FromMetadata(huge).Verify(encoded.Config));
    }

    [Fact]
    public void Reads_after_dispose_throw_ObjectDisposedException()
    {
        var encoded = new Rs2Encoder(EncodingConfig.Create(10)).Encode(TestBlobs.Random(46, 10_000));
        encoded.Dispose();
        encoded.Dispose();

        Assert.Throws<ObjectDisposedException>(() => encoded.GetPrimarySliver(new SliverIndex(1)));
        Assert.Throws<ObjectDisposedException>(() => encoded.GetPrimarySliver(new SliverIndex(9)));
        Assert.Throws<ObjectDisposedException>(() => encoded.GetSecondarySliver(new SliverIndex(2)));
    }

    [Fact]
    public void Dispose_while_eight_threads_read_slivers_gives_ObjectDisposedException_never_a_crash()
    {
        var config = EncodingConfig.Create(31);
        var blob = TestBlobs.Random(47, 300_000);
        var encoder = new Rs2Encoder(config, new Rs2EncoderOptions { MaxDegreeOfParallelism = 1, ScratchBytesPerWorker = 64 << 10 });
        var symbolSize = config.GetSymbolSize(blob.Length);
        using (var reference = encoder.Encode(blob, EncodedBlobOptions.MaterializeAll))
        {
            var expected = reference.SliverPairs().ToArray();
            for (var run = 0; run < 60; run++)
            {
                // Bands of two rows: readers keep recomputing primary slivers under the band lock while Dispose runs.
                var encoded = encoder.Encode(blob, new EncodedBlobOptions { MaxPrimaryBandBytes = 2L * config.SecondarySourceSymbols * symbolSize });
                using var started = new CountdownEvent(8);
                var disposedSeen = 0;
                var readers = new Thread[8];
                var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
                for (var t = 0; t < readers.Length; t++)
                {
                    var seed = (run * 8) + t;
                    readers[t] = new Thread(() =>
                    {
                        var random = new Random(seed);
                        started.Signal();
                        try
                        {
                            while (true)
                            {
                                var p = random.Next(config.ShardCount);
                                var pair = encoded.GetSliverPair(new SliverPairIndex((ushort)p));
                                if (!pair.Equals(expected[p]))
                                {
                                    failures.Enqueue(new InvalidOperationException($"pair {p} differs"));
                                }
                            }
                        }
                        catch (ObjectDisposedException)
                        {
                            Interlocked.Increment(ref disposedSeen);
                        }
                        catch (Exception e)
                        {
                            failures.Enqueue(e);
                        }
                    });
                    readers[t].Start();
                }

                started.Wait();
                Thread.Yield();
                encoded.Dispose();
                foreach (var reader in readers)
                {
                    reader.Join();
                }

                Assert.Empty(failures);
                Assert.Equal(8, disposedSeen);
            }
        }
    }
}
