using System.Buffers.Binary;

namespace Walrus.Core.NodeApi;

/// <summary>
/// The body of a PUT of many slivers (<see cref="NodeApiRoutes.Slivers"/>): records back to back, each
/// <c>pair index (u16 BE) | sliver type (u8: 0 primary, 1 secondary) | length (u32 BE) | length bytes of BCS SliverData</c>,
/// the data being exactly the body the single-sliver PUT takes. The header comes first so that a node can check the index,
/// the type and the length before it allocates anything for the data.
/// </summary>
public static class SliverBatchWire
{
    /// <summary>Bytes of a record's header.</summary>
    public const int HeaderLength = 2 + 1 + 4;

    /// <summary>The type byte of a primary sliver.</summary>
    public const byte PrimaryType = 0;

    /// <summary>The type byte of a secondary sliver.</summary>
    public const byte SecondaryType = 1;

    /// <summary>Writes a record's header into the first <see cref="HeaderLength"/> bytes of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, SliverPairIndex pair, SliverType type, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        BinaryPrimitives.WriteUInt16BigEndian(destination, pair.Value);
        destination[2] = type == SliverType.Primary ? PrimaryType : SecondaryType;
        BinaryPrimitives.WriteUInt32BigEndian(destination[3..], (uint)length);
    }

    /// <summary>Reads a record's header (the type byte unchecked: see <see cref="TryParseType"/>).</summary>
    public static (ushort Pair, byte Type, uint Length) ReadHeader(ReadOnlySpan<byte> header) =>
        (BinaryPrimitives.ReadUInt16BigEndian(header), header[2], BinaryPrimitives.ReadUInt32BigEndian(header[3..]));

    /// <summary>The sliver type of a type byte, or false if it is neither 0 nor 1.</summary>
    public static bool TryParseType(byte value, out SliverType type)
    {
        type = value == SecondaryType ? SliverType.Secondary : SliverType.Primary;
        return value is PrimaryType or SecondaryType;
    }
}
