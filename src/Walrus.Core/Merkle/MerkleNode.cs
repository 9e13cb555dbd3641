namespace Walrus.Core.Merkle;

/// <summary>
/// A node of a Merkle tree (docs/protocol.md §5): <c>Empty</c> (BCS variant 0, hashes as 32 zero bytes) or a 32-byte
/// <c>Digest</c> (variant 1). The two are different values even when the digest is all zeros.
/// </summary>
public readonly record struct MerkleNode
{
    /// <summary>The length of a digest.</summary>
    public const int DigestLength = 32;

    private readonly Bytes32 _digest;

    private MerkleNode(Bytes32 digest)
    {
        _digest = digest;
        IsDigest = true;
    }

    /// <summary>The empty node: the sibling appended to a level with an odd number of nodes, and the root of no leaves.</summary>
    public static MerkleNode Empty => default;

    /// <summary>Whether this is a <c>Digest</c> node.</summary>
    public bool IsDigest { get; }

    /// <summary>Whether this is the <c>Empty</c> node.</summary>
    public bool IsEmpty => !IsDigest;

    /// <summary>A digest node from 32 bytes.</summary>
    /// <exception cref="ArgumentException">Not 32 bytes.</exception>
    public static MerkleNode FromDigest(ReadOnlySpan<byte> digest) => new(Bytes32.Read(digest));

    /// <summary>Copies the node's 32 bytes (zeros for <c>Empty</c>) to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination) => _digest.CopyTo(destination);

    /// <summary>The node's 32 bytes (zeros for <c>Empty</c>).</summary>
    public byte[] ToArray() => _digest.ToArray();

    /// <summary>The 32 bytes as lowercase hex.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[DigestLength];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public override string ToString() => IsDigest ? ToHex() : "Empty";
}
