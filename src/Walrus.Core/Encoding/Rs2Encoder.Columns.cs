using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Walrus.Core.Merkle;

namespace Walrus.Core.Encoding;

/// <summary>Stage 2: the primary encoding of the columns, band by band, with all the hashing.</summary>
public sealed partial class Rs2Encoder
{
    /// <summary>
    /// Encodes the missing rows of every column band and hashes the whole expanded matrix: returns the n sliver-pair
    /// hashes. When <paramref name="bottom"/> is given, rows n_p..n-1 of columns 0..n_s-1 (the primary slivers that are
    /// not systematic) are kept there, row-major: the first <paramref name="bottomRows"/> of them (all when negative).
    /// </summary>
    internal unsafe SliverPairMetadata[] HashExpandedMatrix(BlobMatrix matrix, byte* bottom, int bottomRows = -1)
    {
        var n = Config.ShardCount;
        var rows = matrix.Rows;
        var columns = matrix.Columns;
        var missingRows = n - rows;
        var symbolSize = matrix.SymbolSize;
        var width = ColumnBandWidth(symbolSize, Workers);
        var bands = (n + width - 1) / width;
        var rowLevels = bands == 1 ? MerkleTree.PathLength(n) : System.Numerics.BitOperations.Log2((uint)width);
        var columnLevels = MerkleTree.PathLength(n);
        var layout = new ColumnScratchLayout(n, rows, width, symbolSize);
        var encoder = Config.PrimaryEncoder;
        var keptRows = bottom == null ? 0 : bottomRows < 0 ? missingRows : Math.Min(bottomRows, missingRows);

        // Roots of all-zero subtrees: zero symbols (the padding of small blobs, and whatever the code maps it to) are
        // not hashed, and neither are subtrees whose leaves are all zero symbols.
        const int ZeroLevels = 40;
        using var zeroTree = new NativeBuffer((ZeroLevels + 1) * 32);
        MerkleTree.ZeroSubtrees(symbolSize, ZeroLevels, zeroTree.AsSpan(0, (ZeroLevels + 1) * 32));
        var zeroTreePointer = zeroTree.Pointer;
        var zeroLeaf = Vector256.Load(zeroTreePointer);
        var anyZero = 0;

        using var rowNodes = new NativeBuffer((long)n * (bands + 1) * 32);
        using var rowNodesSpare = new NativeBuffer((long)n * (bands + 1) * 32);
        using var columnRoots = new NativeBuffer((long)n * 32);
        var rowNodesPointer = rowNodes.Pointer;
        var columnRootsPointer = columnRoots.Pointer;

        ForEachBand(bands, () => new NativeBuffer(layout.TotalBytes), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (band, scratch) =>
        {
            var c0 = band * width;
            var count = Math.Min(width, n - c0);
            var packed = SymbolPacking.PackedSize(count, symbolSize);
            var originals = scratch.Pointer;
            var recovery = originals + ((long)rows * packed);
            var lower = scratch.Pointer + layout.LowerOffset;
            var columnHashes = scratch.Pointer + layout.ColumnHashesOffset;
            var rowHashes = scratch.Pointer + layout.RowHashesOffset;
            var spare = scratch.Pointer + layout.SpareOffset;
            var inputs = (byte**)(scratch.Pointer + layout.PointersOffset);
            var outputs = inputs + ColumnScratchLayout.PointerChunk;

            // The band's n_p known symbols per column, packed one shard per row; then its missing rows.
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < count; c++)
                {
                    SymbolPacking.Pack(matrix.Symbol(r, c0 + c), symbolSize, count, c, originals + ((long)r * packed));
                }
            }

            encoder.Encode(
                new ReadOnlySpan<byte>(originals, checked(rows * packed)), packed,
                new Span<byte>(recovery, checked(missingRows * packed)), packed, packed);

            for (var i = 0; i < missingRows; i++)
            {
                for (var c = 0; c < count; c++)
                {
                    SymbolPacking.Unpack(recovery + ((long)i * packed), symbolSize, count, c, LowerSymbol(i, c));
                }
            }

            // Leaf hashes, column-major (column c's n leaves contiguous, stride n + 1 digests); zero symbols are not hashed.
            var pending = 0;
            var zeros = 0;
            for (var c = 0; c < count; c++)
            {
                var target = columnHashes + ((long)c * (n + 1) * 32);
                for (var r = 0; r < n; r++)
                {
                    var symbol = r < rows ? matrix.Symbol(r, c0 + c) : LowerSymbol(r - rows, c);
                    if (IsZero(symbol, symbolSize))
                    {
                        zeroLeaf.Store(target + (r * 32));
                        zeros++;
                        continue;
                    }

                    inputs[pending] = symbol;
                    outputs[pending] = target + (r * 32);
                    if (++pending == ColumnScratchLayout.PointerChunk)
                    {
                        Blake2bMultiLane.Hash(MerkleTree.LeafPrefix, inputs, symbolSize, pending, outputs);
                        pending = 0;
                    }
                }
            }

            Blake2bMultiLane.Hash(MerkleTree.LeafPrefix, inputs, symbolSize, pending, outputs);
            var zeroTreeOrNull = zeros == 0 ? null : zeroTreePointer;
            if (zeros != 0)
            {
                Volatile.Write(ref anyZero, 1);
            }

            // The same leaves row-major (row r's leaves over this band contiguous, stride width + 1 digests).
            for (var c = 0; c < count; c++)
            {
                var source = columnHashes + ((long)c * (n + 1) * 32);
                var target = rowHashes + ((long)c * 32);
                for (var r = 0; r < n; r++)
                {
                    Vector256.Load(source + (r * 32)).Store(target + ((long)r * (width + 1) * 32));
                }
            }

            // The band's column trees, complete.
            MerkleTree.ReduceRows(columnHashes, spare, count, n + 1, n, columnLevels, zeroTreeOrNull, 0, out var columnResult);
            for (var c = 0; c < count; c++)
            {
                Vector256.Load(columnResult + ((long)c * (n + 1) * 32)).Store(columnRootsPointer + ((long)(c0 + c) * 32));
            }

            // Every row's subtree over the band, down to one node.
            MerkleTree.ReduceRows(rowHashes, spare, n, width + 1, count, rowLevels, zeroTreeOrNull, 0, out var rowResult);
            for (var r = 0; r < n; r++)
            {
                Vector256.Load(rowResult + ((long)r * (width + 1) * 32)).Store(rowNodesPointer + ((((long)r * (bands + 1)) + band) * 32));
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            byte* LowerSymbol(int i, int c) =>
                i < keptRows && c0 + c < columns
                    ? bottom + ((((long)i * columns) + c0 + c) * symbolSize)
                    : lower + ((((long)i * count) + c) * symbolSize);
        });

        // The rows' trees above the bands, rows spread over the workers.
        var rowTops = rowNodesPointer;
        if (bands > 1)
        {
            var topLevels = MerkleTree.PathLength(bands);
            var zeros = anyZero != 0 ? zeroTreePointer : null;
            var spare = rowNodesSpare.Pointer;
            var rowsPerChunk = Math.Max(1, (n + (4 * Workers) - 1) / (4 * Workers));
            var results = new nint[(n + rowsPerChunk - 1) / rowsPerChunk];
            ForEachBand(results.Length, () => new NativeBuffer(0), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, _) =>
            {
                var first = chunk * rowsPerChunk;
                var offset = (long)first * (bands + 1) * 32;
                MerkleTree.ReduceRows(
                    rowNodesPointer + offset, spare + offset, Math.Min(rowsPerChunk, n - first), bands + 1, bands, topLevels,
                    zeros, rowLevels, out var result);
                results[chunk] = (nint)(result - offset);
            });

            // Every chunk ran the same number of levels, so all results are in the same buffer.
            rowTops = (byte*)results[0];
        }

        var rowRoots = new byte[n * 32];
        for (var r = 0; r < n; r++)
        {
            new ReadOnlySpan<byte>(rowTops + ((long)r * (bands + 1) * 32), 32).CopyTo(rowRoots.AsSpan(r * 32));
        }

        return PairHashes(n, rowRoots, new ReadOnlySpan<byte>(columnRootsPointer, n * 32));
    }

    /// <summary>Whether the <paramref name="length"/> bytes at <paramref name="p"/> are all zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe bool IsZero(byte* p, int length)
    {
        if (length < 8)
        {
            // Symbols are even-sized: 2, 4 or 6 bytes.
            return length switch
            {
                2 => *(ushort*)p == 0,
                4 => *(uint*)p == 0,
                _ => (*(uint*)p | *(ushort*)(p + 4)) == 0,
            };
        }

        if (Unsafe.ReadUnaligned<ulong>(p) != 0)
        {
            return false;
        }

        var i = 8;
        for (; i + 32 <= length; i += 32)
        {
            if (Vector256.Load(p + i) != Vector256<byte>.Zero)
            {
                return false;
            }
        }

        for (; i + 8 <= length; i += 8)
        {
            if (Unsafe.ReadUnaligned<ulong>(p + i) != 0)
            {
                return false;
            }
        }

        return i == length || Unsafe.ReadUnaligned<ulong>(p + length - 8) == 0;
    }

    /// <summary>Offsets of the regions of one worker's column-band scratch.</summary>
    private readonly struct ColumnScratchLayout
    {
        public const int PointerChunk = 512;

        public ColumnScratchLayout(int n, int rows, int width, int symbolSize)
        {
            var packed = (long)SymbolPacking.PackedSize(width, symbolSize);
            LowerOffset = Align((long)n * packed);
            ColumnHashesOffset = Align(LowerOffset + ((long)(n - rows) * width * symbolSize));
            RowHashesOffset = Align(ColumnHashesOffset + ((long)width * (n + 1) * 32));
            SpareOffset = Align(RowHashesOffset + ((long)n * (width + 1) * 32));
            PointersOffset = Align(SpareOffset + (Math.Max((long)width * (n + 1), (long)n * (width + 1)) * 32));
            TotalBytes = PointersOffset + (2L * PointerChunk * IntPtr.Size);
        }

        public long LowerOffset { get; }

        public long ColumnHashesOffset { get; }

        public long RowHashesOffset { get; }

        public long SpareOffset { get; }

        public long PointersOffset { get; }

        public long TotalBytes { get; }

        private static long Align(long offset) => (offset + 63) & ~63L;
    }
}
