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
        using var hasher = new ExpandedMatrixHasher(this, matrix.SymbolSize, bottom, bottomRows);
        hasher.HashBands(matrix, 0, hasher.Bands);
        return hasher.Finish();
    }

    /// <summary>
    /// The column-band pass over the expanded matrix, band range by band range (a streaming encode reads each range's
    /// message columns before hashing it), then the rows' trees above the bands.
    /// </summary>
    internal sealed unsafe class ExpandedMatrixHasher : IDisposable
    {
        private const int ZeroLevels = 40;

        private readonly Rs2Encoder _encoder;
        private readonly int _n;
        private readonly int _rows;
        private readonly int _columns;
        private readonly int _missingRows;
        private readonly int _symbolSize;
        private readonly int _width;
        private readonly int _rowLevels;
        private readonly int _columnLevels;
        private readonly ColumnScratchLayout _layout;
        private readonly int _keptRows;
        private readonly byte* _bottom;
        private readonly NativeBuffer _zeroTree;
        private readonly NativeBuffer _rowNodes;
        private readonly NativeBuffer _rowNodesSpare;
        private readonly NativeBuffer _columnRoots;
        private int _anyZero;

        public ExpandedMatrixHasher(Rs2Encoder encoder, int symbolSize, byte* bottom, int bottomRows)
        {
            _encoder = encoder;
            var config = encoder.Config;
            _n = config.ShardCount;
            _rows = config.PrimarySourceSymbols;
            _columns = config.SecondarySourceSymbols;
            _missingRows = _n - _rows;
            _symbolSize = symbolSize;
            _width = encoder.ColumnBandWidth(symbolSize, encoder.Workers);
            Bands = (_n + _width - 1) / _width;
            _rowLevels = Bands == 1 ? MerkleTree.PathLength(_n) : System.Numerics.BitOperations.Log2((uint)_width);
            _columnLevels = MerkleTree.PathLength(_n);
            _layout = new ColumnScratchLayout(_n, _rows, _width, symbolSize);
            _bottom = bottom;
            _keptRows = bottom == null ? 0 : bottomRows < 0 ? _missingRows : Math.Min(bottomRows, _missingRows);

            // Roots of all-zero subtrees: zero symbols (the padding of small blobs, and whatever the code maps it to) are
            // not hashed, and neither are subtrees whose leaves are all zero symbols.
            _zeroTree = new NativeBuffer((ZeroLevels + 1) * 32);
            MerkleTree.ZeroSubtrees(symbolSize, ZeroLevels, _zeroTree.AsSpan(0, (ZeroLevels + 1) * 32));
            _rowNodes = new NativeBuffer((long)_n * (Bands + 1) * 32);
            _rowNodesSpare = new NativeBuffer((long)_n * (Bands + 1) * 32);
            _columnRoots = new NativeBuffer((long)_n * 32);
        }

        /// <summary>The number of column bands.</summary>
        public int Bands { get; }

        /// <summary>Columns per band (a power of two).</summary>
        public int Width => _width;

        /// <summary>Hashes bands <paramref name="first"/>..+<paramref name="count"/>, whose columns <paramref name="matrix"/> must address.</summary>
        public void HashBands(BlobMatrix matrix, int first, int count) =>
            _encoder.ForEachBand(count, () => new NativeBuffer(_layout.TotalBytes), (i, scratch) => HashBand(matrix, first + i, scratch));

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void HashBand(BlobMatrix matrix, int band, NativeBuffer scratch)
        {
            var n = _n;
            var rows = _rows;
            var columns = _columns;
            var missingRows = _missingRows;
            var symbolSize = _symbolSize;
            var width = _width;
            var bands = Bands;
            var layout = _layout;
            var keptRows = _keptRows;
            var bottom = _bottom;
            var encoder = _encoder.Config.PrimaryEncoder;
            var zeroTreePointer = _zeroTree.Pointer;
            var zeroLeaf = Vector256.Load(zeroTreePointer);
            var rowNodesPointer = _rowNodes.Pointer;
            var columnRootsPointer = _columnRoots.Pointer;
            var rowLevels = _rowLevels;
            var columnLevels = _columnLevels;

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
                Volatile.Write(ref _anyZero, 1);
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
        }

        /// <summary>The n sliver-pair hashes, once every band is hashed.</summary>
        public SliverPairMetadata[] Finish()
        {
            var n = _n;
            var bands = Bands;
            var rowLevels = _rowLevels;
            var rowNodesPointer = _rowNodes.Pointer;
            var columnRootsPointer = _columnRoots.Pointer;
            var zeroTreePointer = _zeroTree.Pointer;
            var workers = _encoder.Workers;

            // The rows' trees above the bands, rows spread over the workers.
            var rowTops = rowNodesPointer;
            if (bands > 1)
            {
                var topLevels = MerkleTree.PathLength(bands);
                var zeros = _anyZero != 0 ? zeroTreePointer : null;
                var spare = _rowNodesSpare.Pointer;
                var rowsPerChunk = Math.Max(1, (n + (4 * workers) - 1) / (4 * workers));
                var results = new nint[(n + rowsPerChunk - 1) / rowsPerChunk];
                _encoder.ForEachBand(results.Length, () => new NativeBuffer(0), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk, _) =>
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

        public void Dispose()
        {
            _zeroTree.Dispose();
            _rowNodes.Dispose();
            _rowNodesSpare.Dispose();
            _columnRoots.Dispose();
        }
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
