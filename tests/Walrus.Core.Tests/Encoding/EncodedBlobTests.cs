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
}
