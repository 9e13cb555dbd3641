using Walrus.Core.Encoding;
using Walrus.Core.Merkle;

namespace Walrus.Core.Tests.TestSupport;

/// <summary>Blobs encoded inconsistently on purpose.</summary>
internal static class InconsistentBlobs
{
    public sealed record Forged(BlobMetadataWithId Metadata, SliverData Sliver);

    /// <summary>
    /// Replaces primary sliver <paramref name="pair"/> by a modified one and rewrites its hash (and so the blob id) to
    /// match: the metadata is self-consistent and the forged sliver verifies, but the secondary slivers still encode the
    /// original row, so recovering that primary sliver from them yields a mismatch.
    /// </summary>
    public static Forged WithForgedPrimarySliver(EncodedTestBlob honest, int pair)
    {
        var original = honest.Primary[pair];
        var data = original.Symbols.ToArray();
        data[0] ^= 0x5a;
        var sliver = new SliverData(SliverType.Primary, original.Index, original.SymbolSize, data);
        var hashes = honest.Metadata.Metadata.Hashes.ToArray();
        hashes[pair] = hashes[pair] with { PrimaryHash = SliverVerifier.ComputeRoot(sliver, honest.Config) };
        var metadata = BlobMetadataWithId.FromMetadata(new BlobMetadata(EncodingType.RS2, honest.Metadata.Metadata.UnencodedLength, hashes));
        return new Forged(metadata, sliver);
    }

    /// <summary>A node digest that is not the hash of anything.</summary>
    public static MerkleNode Garbage(byte seed) => MerkleNode.FromDigest(Enumerable.Repeat(seed, 32).ToArray());
}
