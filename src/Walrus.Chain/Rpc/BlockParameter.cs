using System.Runtime.InteropServices;

namespace Walrus.Chain.Rpc;

/// <summary>A block reference for JSON-RPC: a number or one of the tags latest, pending, safe, finalized, earliest.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct BlockParameter
{
    private readonly string? _tag;
    private readonly ulong _number;

    private BlockParameter(string? tag, ulong number)
    {
        _tag = tag;
        _number = number;
    }

    /// <summary>The latest block (the default when unset).</summary>
    public static BlockParameter Latest => new("latest", 0);

    /// <summary>The pending state (includes the node's pool, for nonces).</summary>
    public static BlockParameter Pending => new("pending", 0);

    /// <summary>The latest safe block.</summary>
    public static BlockParameter Safe => new("safe", 0);

    /// <summary>The latest finalized block.</summary>
    public static BlockParameter Finalized => new("finalized", 0);

    /// <summary>The genesis block.</summary>
    public static BlockParameter Earliest => new("earliest", 0);

    /// <summary>A block by number.</summary>
    public static BlockParameter Number(ulong number) => new(null, number);

    /// <summary>The block number, when this is not a tag.</summary>
    public ulong? BlockNumber => _tag is null ? _number : null;

    /// <summary>The JSON-RPC text: a tag or a hex quantity.</summary>
    public override string ToString() => _tag ?? Hex.EncodeQuantity(_number);
}
