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
    /// not systematic) are kept there, row-major.
    /// </summary>
    internal unsafe SliverPairMetadata[] HashExpandedMatrix(BlobMatrix matrix, byte* bottom)
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

        using var rowNodes = new NativeBuffer((long)n * (bands + 1) * 32);
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

            // Leaf hashes, column-major (column c's n leaves contiguous, stride n + 1 digests).
            var pending = 0;
            for (var c = 0; c < count; c++)
            {
                var target = columnHashes + ((long)c * (n + 1) * 32);
                for (var r = 0; r < n; r++)
                {
                    inputs[pending] = r < rows ? matrix.Symbol(r, c0 + c) : LowerSymbol(r - rows, c);
                    outputs[pending] = target + (r * 32);
                    if (++pending == ColumnScratchLayout.PointerChunk)
                    {
                        Blake2bMultiLane.Hash(MerkleTree.LeafPrefix, inputs, symbolSize, pending, outputs);
                        pending = 0;
                    }
                }
            }

            Blake2bMultiLane.Hash(MerkleTree.LeafPrefix, inputs, symbolSize, pending, outputs);

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
            MerkleTree.ReduceRows(columnHashes, count, n + 1, n, columnLevels);
            for (var c = 0; c < count; c++)
            {
                Vector256.Load(columnHashes + ((long)c * (n + 1) * 32)).Store(columnRootsPointer + ((long)(c0 + c) * 32));
            }

            // Every row's subtree over the band, down to one node.
            MerkleTree.ReduceRows(rowHashes, n, width + 1, count, rowLevels);
            for (var r = 0; r < n; r++)
            {
                Vector256.Load(rowHashes + ((long)r * (width + 1) * 32)).Store(rowNodesPointer + ((((long)r * (bands + 1)) + band) * 32));
            }

            byte* LowerSymbol(int i, int c) =>
                bottom != null && c0 + c < columns
                    ? bottom + ((((long)i * columns) + c0 + c) * symbolSize)
                    : lower + ((((long)i * count) + c) * symbolSize);
        });

        // The rows' trees above the bands.
        if (bands > 1)
        {
            MerkleTree.ReduceRows(rowNodesPointer, n, bands + 1, bands, MerkleTree.PathLength(bands));
        }

        var rowRoots = new byte[n * 32];
        for (var r = 0; r < n; r++)
        {
            new ReadOnlySpan<byte>(rowNodesPointer + ((long)r * (bands + 1) * 32), 32).CopyTo(rowRoots.AsSpan(r * 32));
        }

        return PairHashes(n, rowRoots, new ReadOnlySpan<byte>(columnRootsPointer, n * 32));
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
            PointersOffset = Align(RowHashesOffset + ((long)n * (width + 1) * 32));
            TotalBytes = PointersOffset + (2L * PointerChunk * IntPtr.Size);
        }

        public long LowerOffset { get; }

        public long ColumnHashesOffset { get; }

        public long RowHashesOffset { get; }

        public long PointersOffset { get; }

        public long TotalBytes { get; }

        private static long Align(long offset) => (offset + 63) & ~63L;
    }
}
