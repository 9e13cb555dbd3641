using Walrus.Core.Merkle;

namespace Walrus.Core;

/// <summary>
/// The two hashes of a sliver pair (docs/protocol.md §6): the Merkle roots over the n symbols of the expanded primary
/// sliver (row p) and of the expanded secondary sliver (column n-1-p).
/// </summary>
public readonly record struct SliverPairMetadata(MerkleNode PrimaryHash, MerkleNode SecondaryHash)
{
    /// <summary>The hash of the sliver of <paramref name="type"/>.</summary>
    public MerkleNode Hash(SliverType type) => type == SliverType.Primary ? PrimaryHash : SecondaryHash;

    /// <summary>The 64-byte leaf of the blob's root tree: primary hash || secondary hash.</summary>
    public void WriteLeafInput(Span<byte> destination)
    {
        PrimaryHash.CopyTo(destination);
        SecondaryHash.CopyTo(destination[32..]);
    }
}
