using Walrus.Core;
using Walrus.Core.Merkle;

namespace Walrus.Chain;

/// <summary>
/// Conversions between Core's typed values and their on-chain form. A blob id and a Merkle root are bytes32 on chain
/// with the same 32 bytes in the same order (the contracts derive blob ids with Blake2b exactly as Core does).
/// </summary>
public static class CoreInterop
{
    /// <summary>The bytes32 of a blob id.</summary>
    public static Hash256 ToHash256(this BlobId blobId)
    {
        Span<byte> bytes = stackalloc byte[Hash256.Length];
        blobId.CopyTo(bytes);
        return new Hash256(bytes);
    }

    /// <summary>A blob id read from chain (a bytes32).</summary>
    public static BlobId ToBlobId(this Hash256 hash)
    {
        Span<byte> bytes = stackalloc byte[Hash256.Length];
        hash.CopyTo(bytes);
        return new BlobId(bytes);
    }

    /// <summary>The bytes32 of a Merkle root (the empty node is all zeros).</summary>
    public static Hash256 ToHash256(this MerkleNode node)
    {
        Span<byte> bytes = stackalloc byte[Hash256.Length];
        bytes.Clear();
        if (node.IsDigest)
        {
            node.CopyTo(bytes);
        }

        return new Hash256(bytes);
    }
}
