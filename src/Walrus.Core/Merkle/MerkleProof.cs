namespace Walrus.Core.Merkle;

/// <summary>
/// A Merkle proof: the sibling nodes from a leaf up to the root (docs/protocol.md §5). At each level the sibling is on the
/// right when the current index is even, on the left otherwise. BCS: a vector of <see cref="MerkleNode"/>.
/// </summary>
public sealed class MerkleProof : IEquatable<MerkleProof>
{
    /// <summary>The longest path any tree of at most 65,536 leaves has; longer paths from the network are refused.</summary>
    public const int MaxPathLength = 16;

    private readonly MerkleNode[] _path;

    /// <summary>A proof from its path (copied).</summary>
    public MerkleProof(ReadOnlySpan<MerkleNode> path) => _path = path.ToArray();

    internal MerkleProof(MerkleNode[] path, bool takeOwnership)
    {
        _ = takeOwnership;
        _path = path;
    }

    /// <summary>The sibling nodes from the leaf level up.</summary>
    public ReadOnlySpan<MerkleNode> Path => _path;

    /// <summary>Recomputes the root from the leaf data at <paramref name="leafIndex"/>.</summary>
    /// <returns>false if the leaf index does not fit in the path.</returns>
    public bool TryComputeRoot(ReadOnlySpan<byte> leaf, int leafIndex, out MerkleNode root)
    {
        Span<byte> current = stackalloc byte[32];
        Blake2b256.Hash(MerkleTree.LeafPrefix, leaf, current);
        return TryComputeRootFromLeafHash(current, leafIndex, out root);
    }

    /// <summary>Recomputes the root from the hash of the leaf at <paramref name="leafIndex"/>.</summary>
    public bool TryComputeRootFromLeafHash(ReadOnlySpan<byte> leafHash, int leafIndex, out MerkleNode root)
    {
        root = MerkleNode.Empty;
        if (leafIndex < 0 || (_path.Length < 31 && (leafIndex >> _path.Length) != 0))
        {
            return false;
        }

        Span<byte> current = stackalloc byte[32];
        Span<byte> sibling = stackalloc byte[32];
        leafHash[..32].CopyTo(current);
        var index = leafIndex;
        foreach (var node in _path)
        {
            node.CopyTo(sibling);
            if ((index & 1) == 0)
            {
                Blake2b256.Hash(MerkleTree.InnerPrefix, current, sibling, current);
            }
            else
            {
                Blake2b256.Hash(MerkleTree.InnerPrefix, sibling, current, current);
            }

            index >>= 1;
        }

        root = MerkleNode.FromDigest(current);
        return true;
    }

    /// <summary>
    /// Checks that <paramref name="leaf"/> is leaf <paramref name="leafIndex"/> of a tree of
    /// <paramref name="leafCount"/> leaves with root <paramref name="root"/>.
    /// </summary>
    public MerkleProofResult Verify(MerkleNode root, int leafCount, ReadOnlySpan<byte> leaf, int leafIndex)
    {
        if (_path.Length > MerkleTree.PathLength(leafCount))
        {
            return MerkleProofResult.PathTooLong;
        }

        if (!TryComputeRoot(leaf, leafIndex, out var computed))
        {
            return MerkleProofResult.LeafIndexOutOfBounds;
        }

        return computed == root ? MerkleProofResult.Valid : MerkleProofResult.RootMismatch;
    }

    public bool Equals(MerkleProof? other) => other is not null && _path.AsSpan().SequenceEqual(other._path);

    public override bool Equals(object? obj) => Equals(obj as MerkleProof);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var node in _path)
        {
            hash.Add(node);
        }

        return hash.ToHashCode();
    }
}
