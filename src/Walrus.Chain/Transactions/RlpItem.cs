using System.Numerics;

namespace Walrus.Chain.Transactions;

/// <summary>A decoded RLP item: a byte string or a list of items.</summary>
public sealed class RlpItem
{
    private readonly byte[]? _bytes;
    private readonly IReadOnlyList<RlpItem>? _items;

    private RlpItem(byte[]? bytes, IReadOnlyList<RlpItem>? items)
    {
        _bytes = bytes;
        _items = items;
    }

    /// <summary>Whether this item is a list.</summary>
    public bool IsList => _items is not null;

    /// <summary>The bytes of a string item.</summary>
    public ReadOnlySpan<byte> Bytes =>
        _bytes ?? ThrowHelper.ThrowFormat<byte[]>("Expected an RLP string, found a list.");

    /// <summary>The items of a list item.</summary>
    public IReadOnlyList<RlpItem> Items =>
        _items ?? ThrowHelper.ThrowFormat<IReadOnlyList<RlpItem>>("Expected an RLP list, found a string.");

    /// <summary>The string item as a canonical unsigned integer.</summary>
    public BigInteger AsUInt()
    {
        var bytes = Bytes;
        if (bytes.Length > 0 && bytes[0] == 0)
        {
            ThrowHelper.ThrowFormat("RLP integer with a leading zero byte.");
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    internal static RlpItem FromBytes(byte[] bytes) => new(bytes, null);

    internal static RlpItem FromList(IReadOnlyList<RlpItem> items) => new(null, items);
}
