using System.Diagnostics.CodeAnalysis;
using Walrus.Core.Encoding;

namespace Walrus.Core.Quilts;

/// <summary>
/// The QuiltV1 constants and geometry (src/Walrus.Core/Quilts/README.md): the quilt is an n_p x n_s message matrix filled column by
/// column; the index takes columns 0.. (at most 10) and each patch whole columns after it.
/// </summary>
public static class QuiltLayout
{
    /// <summary>The version byte of QuiltV1: first byte of the quilt, of every patch header and of every internal patch id.</summary>
    public const byte Version = 1;

    /// <summary>Bytes before the index's BCS: the version byte and the u32 LE length of the BCS.</summary>
    public const int IndexPrefixSize = 5;

    /// <summary>Bytes of a patch header: version, u32 LE length of what follows the header, mask.</summary>
    public const int PatchHeaderSize = 6;

    /// <summary>The mask bit of a patch header that says tags follow the identifier.</summary>
    public const byte HasTagsFlag = 1;

    /// <summary>The most columns the index may take.</summary>
    public const int MaxIndexColumns = 10;

    /// <summary>The largest BCS form of an identifier (ULEB128 length and UTF-8): Walrus refuses 65535 and more.</summary>
    public const int MaxIdentifierBcsSize = ushort.MaxValue - 1;

    /// <summary>The longest identifier in UTF-8 bytes (its BCS form is then 3 + 65531 = 65534 bytes).</summary>
    public const int MaxIdentifierBytes = MaxIdentifierBcsSize - 3;

    /// <summary>The largest BCS form of a patch's tags (its length is a u16).</summary>
    public const int MaxTagsBcsSize = ushort.MaxValue;

    /// <summary>The largest value of a patch header's length field: identifier, tags and data must stay within a u32.</summary>
    public const long MaxPatchLength = uint.MaxValue;

    /// <summary>The most patches a quilt holds at this shard count: n_s - 1 (666 at 1000 shards).</summary>
    public static int MaxPatches(EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.SecondarySourceSymbols - 1;
    }

    /// <summary>
    /// Walrus's symbol size search: the smallest even S such that every blob, in whole columns of S * n_p bytes, fits in
    /// the n_s columns, and the index (<paramref name="sizes"/>[0], prefix included) in at most 10 of them. The sizes are
    /// the index's and then each patch's (header, identifier, tags and data).
    /// </summary>
    public static bool TryComputeSymbolSize(ReadOnlySpan<long> sizes, EncodingConfig config, out int symbolSize, [NotNullWhen(false)] out QuiltError? error)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (sizes.Length > config.SecondarySourceSymbols)
        {
            symbolSize = 0;
            error = QuiltError.Invalid(
                $"A quilt holds at most {config.SecondarySourceSymbols - 1} patches at {config.ShardCount} shards (n_s - 1); {sizes.Length - 1} were given.");
            return false;
        }

        return TryComputeSymbolSize(sizes, config.SecondarySourceSymbols, config.PrimarySourceSymbols, MaxIndexColumns, out symbolSize, out error);
    }

    /// <summary>The search for any matrix of <paramref name="columns"/> x <paramref name="rows"/> and index limit.</summary>
    internal static bool TryComputeSymbolSize(ReadOnlySpan<long> sizes, long columns, long rows, int maxIndexColumns, out int symbolSize, [NotNullWhen(false)] out QuiltError? error)
    {
        symbolSize = 0;
        if (sizes.IsEmpty)
        {
            error = QuiltError.Invalid("The symbol size search needs at least the index's size.");
            return false;
        }

        if (sizes.Length > columns)
        {
            error = QuiltError.Invalid($"A quilt holds at most {columns - 1} patches; {sizes.Length - 1} were given.");
            return false;
        }

        long sum = 0;
        long max = 0;
        foreach (var size in sizes)
        {
            if (size < 0)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(sizes), "Sizes cannot be negative.");
            }

            sum += size;
            max = Math.Max(max, size);
        }

        // The same bounds as Walrus: the total over the whole matrix, the index over its 10 columns, the 5-byte prefix.
        var low = Math.Max(CeilDiv(sum, columns * rows), CeilDiv(sizes[0], rows * maxIndexColumns));
        low = Math.Max(low, CeilDiv(IndexPrefixSize, rows));
        var high = CeilDiv(max, columns / sizes.Length * rows);
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (Fits(sizes, columns, mid * rows))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        var aligned = low + (low & 1);
        if (aligned > EncodingConfig.MaxSymbolSize)
        {
            error = QuiltError.Invalid(
                $"The quilt is too large: it needs symbols of {aligned} bytes and at most {EncodingConfig.MaxSymbolSize} are possible; remove or shrink some patches.");
            return false;
        }

        symbolSize = (int)aligned;
        error = null;
        return true;
    }

    /// <summary>Columns that <paramref name="length"/> bytes take with <paramref name="columnSize"/>-byte columns.</summary>
    public static long ColumnsFor(long length, long columnSize) => CeilDiv(length, columnSize);

    private static bool Fits(ReadOnlySpan<long> sizes, long columns, long columnSize)
    {
        long used = 0;
        foreach (var size in sizes)
        {
            used += CeilDiv(size, columnSize);
            if (used > columns)
            {
                return false;
            }
        }

        return true;
    }

    private static long CeilDiv(long value, long divisor) => (value + divisor - 1) / divisor;
}
