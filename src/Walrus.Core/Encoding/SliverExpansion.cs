using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Walrus.Core.Merkle;

namespace Walrus.Core.Encoding;

/// <summary>
/// Expands many slivers of one type to their n symbols (re-encoding with the orthogonal code, docs/protocol.md §3)
/// and computes their Merkle roots, batched: the slivers of a chunk are packed side by side into one Reed-Solomon
/// call (<see cref="SymbolPacking"/>) and their leaves and inner nodes hashed eight at a time.
/// </summary>
internal static unsafe class SliverExpansion
{
    /// <summary>
    /// Writes the n - k recovery symbols of each of <paramref name="count"/> slivers (sliver s's k symbols at
    /// <paramref name="slivers"/>[s]) to <paramref name="recovery"/> + s * (n - k) * S.
    /// </summary>
    public static void ExpandRecovery(EncodingConfig config, SliverType type, byte** slivers, int count, int symbolSize, byte* recovery, int workers, long scratchBytes)
    {
        var k = config.SymbolsPerSliver(type);
        var r = config.ShardCount - k;
        var chunk = ChunkSize(config, symbolSize, count, workers, scratchBytes, withHashes: false);
        var bytes = (long)config.ShardCount * SymbolPacking.PackedSize(chunk, symbolSize);
        var encoder = config.ExpanderOf(type);
        BandScheduler.ForEachBand((count + chunk - 1) / chunk, workers, () => new NativeBuffer(bytes), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (band, scratch) =>
        {
            var first = band * chunk;
            var m = Math.Min(chunk, count - first);
            var packed = Encode(encoder, slivers + first, m, k, r, symbolSize, scratch.Pointer);
            var recoveryShards = scratch.Pointer + ((long)k * packed);
            for (var s = 0; s < m; s++)
            {
                var target = recovery + ((long)(first + s) * r * symbolSize);
                for (var j = 0; j < r; j++)
                {
                    SymbolPacking.Unpack(recoveryShards + ((long)j * packed), symbolSize, m, s, target + ((long)j * symbolSize));
                }
            }
        });
    }

    /// <summary>Writes the Merkle root over each sliver's n expanded symbols to <paramref name="roots"/> + 32 s.</summary>
    public static void ComputeRoots(EncodingConfig config, SliverType type, byte** slivers, int count, int symbolSize, byte* roots, int workers, long scratchBytes)
    {
        var n = config.ShardCount;
        var k = config.SymbolsPerSliver(type);
        var r = n - k;
        var chunk = ChunkSize(config, symbolSize, count, workers, scratchBytes, withHashes: true);
        var packedBytes = Align((long)n * SymbolPacking.PackedSize(chunk, symbolSize));
        var unpackedBytes = Align((long)chunk * r * symbolSize);
        var hashBytes = Align((long)chunk * (n + 1) * 32);
        const int PointerChunk = 512;
        var bytes = packedBytes + unpackedBytes + (2 * hashBytes) + (2L * PointerChunk * IntPtr.Size);
        var encoder = config.ExpanderOf(type);
        var levels = MerkleTree.PathLength(n);

        // Zero symbols (padding) and all-zero subtrees take precomputed roots instead of being hashed.
        var zeroTree = new byte[(levels + 1) * 32];
        MerkleTree.ZeroSubtrees(symbolSize, levels, zeroTree);
        var zeroLeaf = Vector256.Create<byte>(zeroTree.AsSpan(0, 32));
        BandScheduler.ForEachBand((count + chunk - 1) / chunk, workers, () => new NativeBuffer(bytes), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (band, scratch) =>
        {
            var first = band * chunk;
            var m = Math.Min(chunk, count - first);
            var packed = Encode(encoder, slivers + first, m, k, r, symbolSize, scratch.Pointer);
            var recoveryShards = scratch.Pointer + ((long)k * packed);
            var unpacked = scratch.Pointer + packedBytes;
            var hashes = unpacked + unpackedBytes;
            var spare = hashes + hashBytes;
            var inputs = (byte**)(spare + hashBytes);
            var outputs = inputs + PointerChunk;
            for (var s = 0; s < m; s++)
            {
                for (var j = 0; j < r; j++)
                {
                    SymbolPacking.Unpack(recoveryShards + ((long)j * packed), symbolSize, m, s, unpacked + ((((long)s * r) + j) * symbolSize));
                }
            }

            var pending = 0;
            var zeros = 0;
            for (var s = 0; s < m; s++)
            {
                var sliver = slivers[first + s];
                var row = hashes + ((long)s * (n + 1) * 32);
                for (var t = 0; t < n; t++)
                {
                    var symbol = t < k ? sliver + ((long)t * symbolSize) : unpacked + ((((long)s * r) + t - k) * symbolSize);
                    if (Rs2Encoder.IsZero(symbol, symbolSize))
                    {
                        zeroLeaf.Store(row + (t * 32));
                        zeros++;
                        continue;
                    }

                    inputs[pending] = symbol;
                    outputs[pending] = row + (t * 32);
                    if (++pending == PointerChunk)
                    {
                        Blake2bMultiLane.Hash(MerkleTree.LeafPrefix, inputs, symbolSize, pending, outputs);
                        pending = 0;
                    }
                }
            }

            Blake2bMultiLane.Hash(MerkleTree.LeafPrefix, inputs, symbolSize, pending, outputs);
            fixed (byte* z = zeroTree)
            {
                MerkleTree.ReduceRows(hashes, spare, m, n + 1, n, levels, zeros == 0 ? null : z, 0, out var result);
                for (var s = 0; s < m; s++)
                {
                    Unsafe.CopyBlockUnaligned(roots + ((long)(first + s) * 32), result + ((long)s * (n + 1) * 32), 32);
                }
            }
        });
    }

    /// <summary>Packs the k symbols of <paramref name="m"/> slivers into k shards and encodes their r recovery shards (after them in <paramref name="scratch"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Encode(ReedSolomon.ReedSolomonEncoder encoder, byte** slivers, int m, int k, int r, int symbolSize, byte* scratch)
    {
        var packed = SymbolPacking.PackedSize(m, symbolSize);
        for (var s = 0; s < m; s++)
        {
            var sliver = slivers[s];
            for (var c = 0; c < k; c++)
            {
                SymbolPacking.Pack(sliver + ((long)c * symbolSize), symbolSize, m, s, scratch + ((long)c * packed));
            }
        }

        encoder.Encode(
            new ReadOnlySpan<byte>(scratch, checked(k * packed)), packed,
            new Span<byte>(scratch + ((long)k * packed), checked(r * packed)), packed, packed);
        return packed;
    }

    private static int ChunkSize(EncodingConfig config, int symbolSize, int count, int workers, long scratchBytes, bool withHashes)
    {
        var n = config.ShardCount;
        var perSliver = ((long)n * 2 * symbolSize) + (withHashes ? (n + 1) * 64L : 0) + 64;
        var byBudget = (int)Math.Clamp(scratchBytes / perSliver, 1, Math.Max(count, 1));
        var byShare = Math.Max(1, (count + workers - 1) / workers);
        return Math.Max(1, Math.Min(byBudget, byShare));
    }

    private static long Align(long offset) => (offset + 63) & ~63L;

    /// <summary>
    /// The first of the full rows of the blob (primary slivers <paramref name="rows"/>[i], at
    /// <paramref name="pointers"/>[i]) whose root over its expansion is not the metadata's primary hash; null when all match.
    /// </summary>
    public static int? FirstPrimaryMismatch(EncodingConfig config, BlobMetadata metadata, nint[] pointers, ReadOnlySpan<int> rows, int symbolSize, int workers)
    {
        var roots = new byte[rows.Length * 32];
        fixed (nint* p = pointers)
        fixed (byte* r = roots)
        {
            ComputeRoots(config, SliverType.Primary, (byte**)p, rows.Length, symbolSize, r, workers, 4 << 20);
        }

        for (var i = 0; i < rows.Length; i++)
        {
            if (MerkleNode.FromDigest(roots.AsSpan(i * 32, 32)) != metadata.Hashes[rows[i]].PrimaryHash)
            {
                return rows[i];
            }
        }

        return null;
    }
}
