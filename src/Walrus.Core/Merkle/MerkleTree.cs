using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Walrus.Core.Merkle;

/// <summary>
/// Walrus's Merkle tree over Blake2b-256 (docs/protocol.md §5): leaf = H(0x00 || data), inner = H(0x01 || left || right),
/// a level with an odd number of nodes gets an <see cref="MerkleNode.Empty"/> sibling (32 zero bytes, not hashed); one
/// leaf: the root is its hash; no leaves: the root is Empty. Every level is hashed eight nodes at a time.
/// </summary>
public sealed class MerkleTree
{
    /// <summary>The prefix of a leaf's hash input.</summary>
    public const byte LeafPrefix = 0x00;

    /// <summary>The prefix of an inner node's hash input.</summary>
    public const byte InnerPrefix = 0x01;

    // All levels, leaf hashes first; each level padded to an even count except the root level. An odd level's pad
    // (the Empty node) is at the end of that level and holds zeros.
    private readonly byte[] _nodes;
    private readonly int[] _levelStart;
    private readonly int[] _levelCount;

    private MerkleTree(byte[] nodes, int[] levelStart, int[] levelCount, int leafCount)
    {
        _nodes = nodes;
        _levelStart = levelStart;
        _levelCount = levelCount;
        LeafCount = leafCount;
    }

    /// <summary>The number of leaves.</summary>
    public int LeafCount { get; }

    /// <summary>The root: Empty for no leaves.</summary>
    public MerkleNode Root =>
        LeafCount == 0 ? MerkleNode.Empty : MerkleNode.FromDigest(_nodes.AsSpan(_levelStart[^1] * 32, 32));

    /// <summary>Builds the tree over <paramref name="leafCount"/> leaves of <paramref name="leafLength"/> bytes each, stored back to back.</summary>
    public static MerkleTree Build(ReadOnlySpan<byte> leaves, int leafLength, int leafCount) =>
        BuildStrided(leaves, leafLength, leafLength, leafCount);

    /// <summary>Builds the tree over leaves of <paramref name="leafLength"/> bytes at stride <paramref name="stride"/>.</summary>
    public static unsafe MerkleTree BuildStrided(ReadOnlySpan<byte> leaves, int stride, int leafLength, int leafCount)
    {
        if (leafCount < 0 || leafLength < 0 || stride < leafLength || (leafCount > 0 && (long)(leafCount - 1) * stride + leafLength > leaves.Length))
        {
            ThrowHelper.Argument(nameof(leaves), "The leaves do not fit the span.");
        }

        var (starts, counts, total) = Layout(leafCount);
        var nodes = new byte[total * 32];
        fixed (byte* l = leaves)
        fixed (byte* n = nodes)
        {
            Blake2bMultiLane.HashStrided(LeafPrefix, l, stride, leafLength, leafCount, n);
        }

        return Finish(nodes, starts, counts, leafCount);
    }

    /// <summary>Builds the tree over leaves given by their hashes (32 bytes each, back to back).</summary>
    public static MerkleTree BuildFromLeafHashes(ReadOnlySpan<byte> leafHashes)
    {
        if (leafHashes.Length % 32 != 0)
        {
            ThrowHelper.Argument(nameof(leafHashes), "Leaf hashes are 32 bytes each.");
        }

        var leafCount = leafHashes.Length / 32;
        var (starts, counts, total) = Layout(leafCount);
        var nodes = new byte[total * 32];
        leafHashes.CopyTo(nodes);
        return Finish(nodes, starts, counts, leafCount);
    }

    /// <summary>The proof for leaf <paramref name="leafIndex"/>.</summary>
    public MerkleProof GetProof(int leafIndex)
    {
        if ((uint)leafIndex >= (uint)LeafCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(leafIndex), $"Leaf {leafIndex} is out of range for {LeafCount} leaves.");
        }

        var path = new MerkleNode[_levelStart.Length - 1];
        var index = leafIndex;
        for (var level = 0; level < path.Length; level++)
        {
            var sibling = index ^ 1;
            path[level] = sibling >= _levelCount[level]
                ? MerkleNode.Empty
                : MerkleNode.FromDigest(_nodes.AsSpan((_levelStart[level] + sibling) * 32, 32));
            index >>= 1;
        }

        return new MerkleProof(path, takeOwnership: true);
    }

    /// <summary>The hash of leaf <paramref name="leafIndex"/>.</summary>
    public ReadOnlySpan<byte> LeafHash(int leafIndex)
    {
        if ((uint)leafIndex >= (uint)LeafCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(leafIndex), $"Leaf {leafIndex} is out of range for {LeafCount} leaves.");
        }

        return _nodes.AsSpan(leafIndex * 32, 32);
    }

    /// <summary>The path length of a tree of <paramref name="leafCount"/> leaves: ceil(log2(leafCount)), 0 for at most one leaf.</summary>
    public static int PathLength(int leafCount) =>
        leafCount <= 1 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(leafCount - 1));

    /// <summary>The root over leaves given by their hashes (32 bytes each).</summary>
    public static unsafe MerkleNode ComputeRootFromLeafHashes(ReadOnlySpan<byte> leafHashes)
    {
        var leafCount = leafHashes.Length / 32;
        if (leafCount == 0)
        {
            return MerkleNode.Empty;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((leafCount + 1) * 32);
        try
        {
            leafHashes[..(leafCount * 32)].CopyTo(buffer);
            fixed (byte* b = buffer)
            {
                ReduceInPlace(b, leafCount);
            }

            return MerkleNode.FromDigest(buffer.AsSpan(0, 32));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reduces <paramref name="count"/> &gt;= 1 leaf hashes at <paramref name="buffer"/> (room for count + 1 digests) to
    /// the root, left in the first 32 bytes. Each level is written over the start of the previous one.
    /// </summary>
    internal static unsafe void ReduceInPlace(byte* buffer, int count)
    {
        while (count > 1)
        {
            if ((count & 1) != 0)
            {
                new Span<byte>(buffer + (count * 32), 32).Clear();
                count++;
            }

            count >>= 1;
            Blake2bMultiLane.HashStrided(InnerPrefix, buffer, 64, 64, count, buffer);
        }
    }

    /// <summary>
    /// Reduces <paramref name="rows"/> independent lists of <paramref name="count"/> nodes (row r at
    /// <paramref name="buffer"/> + 32 * r * <paramref name="rowStride"/>; <paramref name="rowStride"/> &gt; count) by
    /// <paramref name="levels"/> levels in place, all rows hashed together eight nodes at a time. A level with an odd
    /// count gets a zero (Empty) pad first, even when it holds one node, which is what the levels of a larger tree do
    /// above a full-width aligned chunk of its leaves.
    /// </summary>
    /// <returns>The node count per row after the last level.</returns>
    internal static unsafe int ReduceRows(byte* buffer, int rows, int rowStride, int count, int levels) =>
        ReduceRows(buffer, buffer, rows, rowStride, count, levels, null, 0, out _);

    /// <summary>
    /// <see cref="ReduceRows(byte*, int, int, int, int)"/> alternating between <paramref name="buffer"/> and
    /// <paramref name="spare"/> (same shape; may be the same buffer), optionally with the subtrees of all-zero leaves
    /// taken from <paramref name="zeroTree"/> instead of hashed: a pair of nodes both equal to level l's zero subtree
    /// root (<see cref="ZeroSubtrees"/>, input nodes being at level <paramref name="firstLevel"/>) has level l+1's root.
    /// </summary>
    /// <param name="result">The buffer that holds the result.</param>
    /// <returns>The node count per row after the last level.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    internal static unsafe int ReduceRows(
        byte* buffer, byte* spare, int rows, int rowStride, int count, int levels, byte* zeroTree, int firstLevel, out byte* result)
    {
        const int Chunk = 256;
        var inputs = stackalloc byte*[Chunk];
        var outputs = stackalloc byte*[Chunk];
        var rowBytes = (nint)rowStride * 32;
        var source = buffer;
        var target = spare;
        for (var level = 0; level < levels; level++)
        {
            if ((count & 1) != 0)
            {
                for (var r = 0; r < rows; r++)
                {
                    new Span<byte>(source + (r * rowBytes) + (count * 32), 32).Clear();
                }

                count++;
            }

            count >>= 1;
            var zero = zeroTree == null ? null : zeroTree + ((firstLevel + level) * 32);
            var zeroChild = zero == null ? default : Vector256.Load(zero);
            var pending = 0;
            for (var r = 0; r < rows; r++)
            {
                var input = source + (r * rowBytes);
                var output = target + (r * rowBytes);
                for (var i = 0; i < count; i++)
                {
                    var pair = input + (64 * i);
                    if (zero != null && Vector256.Load(pair) == zeroChild && Vector256.Load(pair + 32) == zeroChild)
                    {
                        // Both children are the root of an all-zero subtree: so is the parent. Hashed outputs of
                        // pending inputs go elsewhere when the buffers differ; in place the parent is written after
                        // the flush below may still need this pair's input, so defer by flushing first.
                        if (source == target && pending != 0)
                        {
                            Blake2bMultiLane.Hash(InnerPrefix, inputs, 64, pending, outputs);
                            pending = 0;
                        }

                        Vector256.Load(zero + 32).Store(output + (32 * i));
                        continue;
                    }

                    inputs[pending] = pair;
                    outputs[pending] = output + (32 * i);
                    if (++pending == Chunk)
                    {
                        Blake2bMultiLane.Hash(InnerPrefix, inputs, 64, pending, outputs);
                        pending = 0;
                    }
                }
            }

            Blake2bMultiLane.Hash(InnerPrefix, inputs, 64, pending, outputs);
            var swap = source;
            source = target;
            target = swap;
        }

        result = source;
        return count;
    }

    /// <summary>
    /// The roots of all-zero subtrees for leaves of <paramref name="leafLength"/> zero bytes: entry l (32 bytes at
    /// <paramref name="destination"/> + 32 l) is the root of a full subtree of 2^l such leaves, for l in 0..levels.
    /// </summary>
    internal static void ZeroSubtrees(int leafLength, int levels, Span<byte> destination)
    {
        Blake2b256.Hash(LeafPrefix, new byte[leafLength], destination[..32]);
        for (var l = 1; l <= levels; l++)
        {
            var child = destination.Slice((l - 1) * 32, 32);
            Blake2b256.Hash(InnerPrefix, child, child, destination.Slice(l * 32, 32));
        }
    }

    private static (int[] Starts, int[] Counts, int Total) Layout(int leafCount)
    {
        var levels = 1;
        for (var c = leafCount; c > 1; c = (c + 1) / 2)
        {
            levels++;
        }

        var starts = new int[levels];
        var counts = new int[levels];
        var total = 0;
        var count = leafCount;
        for (var level = 0; level < levels; level++)
        {
            starts[level] = total;
            counts[level] = count;
            total += level == levels - 1 ? count : count + (count & 1);
            count = (count + 1) / 2;
        }

        return (starts, counts, Math.Max(total, 1));
    }

    private static unsafe MerkleTree Finish(byte[] nodes, int[] starts, int[] counts, int leafCount)
    {
        fixed (byte* n = nodes)
        {
            for (var level = 1; level < starts.Length; level++)
            {
                // The pad of an odd level is already zero (fresh array).
                var parents = counts[level];
                Blake2bMultiLane.HashStrided(InnerPrefix, n + (starts[level - 1] * 32), 64, 64, parents, n + (starts[level] * 32));
            }
        }

        return new MerkleTree(nodes, starts, counts, leafCount);
    }
}
