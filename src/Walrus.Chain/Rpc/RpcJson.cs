using System.Numerics;
using System.Text.Json;

namespace Walrus.Chain.Rpc;

/// <summary>Readers of the node's JSON objects (receipts, logs, blocks, fee history); reflection-free.</summary>
internal static class RpcJson
{
    public static TransactionReceipt ReadReceipt(JsonElement e)
    {
        var logs = new List<LogEntry>();
        if (e.TryGetProperty("logs", out var logArray) && logArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var log in logArray.EnumerateArray())
            {
                logs.Add(ReadLog(log));
            }
        }

        return new TransactionReceipt(
            Hash256.Parse(Str(e, "transactionHash")),
            Hex.DecodeQuantityUInt64(Str(e, "blockNumber")),
            Hash256.Parse(Str(e, "blockHash")),
            Address.Parse(Str(e, "from")),
            OptionalAddress(e, "to"),
            Hex.DecodeQuantityUInt64(Str(e, "status")) == 1,
            Hex.DecodeQuantityUInt64(Str(e, "gasUsed")),
            e.TryGetProperty("effectiveGasPrice", out var price) && price.ValueKind == JsonValueKind.String ? Hex.DecodeQuantity(price.GetString()!) : BigInteger.Zero,
            OptionalAddress(e, "contractAddress"),
            logs);
    }

    public static TransactionLookup ReadTransactionLookup(JsonElement e) => new(
        Hash256.Parse(Str(e, "hash")),
        Address.Parse(Str(e, "from")),
        Hex.DecodeQuantityUInt64(Str(e, "nonce")),
        e.TryGetProperty("blockNumber", out var block) && block.ValueKind == JsonValueKind.String ? Hex.DecodeQuantityUInt64(block.GetString()!) : null,
        e.TryGetProperty("maxFeePerGas", out var maxFee) && maxFee.ValueKind == JsonValueKind.String ? Hex.DecodeQuantity(maxFee.GetString()!) : null,
        e.TryGetProperty("maxPriorityFeePerGas", out var tip) && tip.ValueKind == JsonValueKind.String ? Hex.DecodeQuantity(tip.GetString()!) : null);

    public static LogEntry ReadLog(JsonElement e)
    {
        var topics = new List<Hash256>(4);
        foreach (var topic in e.GetProperty("topics").EnumerateArray())
        {
            topics.Add(Hash256.Parse(topic.GetString()!));
        }

        return new LogEntry(
            Address.Parse(Str(e, "address")),
            topics,
            Hex.Decode(Str(e, "data")),
            Hex.DecodeQuantityUInt64(Str(e, "blockNumber")),
            Hash256.Parse(Str(e, "blockHash")),
            Hash256.Parse(Str(e, "transactionHash")),
            (uint)Hex.DecodeQuantityUInt64(Str(e, "transactionIndex")),
            (uint)Hex.DecodeQuantityUInt64(Str(e, "logIndex")),
            e.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True);
    }

    public static BlockHeader ReadBlockHeader(JsonElement e) => new(
        Hex.DecodeQuantityUInt64(Str(e, "number")),
        Hash256.Parse(Str(e, "hash")),
        Hash256.Parse(Str(e, "parentHash")),
        Hex.DecodeQuantityUInt64(Str(e, "timestamp")),
        e.TryGetProperty("baseFeePerGas", out var fee) && fee.ValueKind == JsonValueKind.String ? Hex.DecodeQuantity(fee.GetString()!) : null);

    public static FeeHistory ReadFeeHistory(JsonElement e)
    {
        var baseFees = new List<BigInteger>();
        foreach (var fee in e.GetProperty("baseFeePerGas").EnumerateArray())
        {
            baseFees.Add(Hex.DecodeQuantity(fee.GetString()!));
        }

        var rewards = new List<IReadOnlyList<BigInteger>>();
        if (e.TryGetProperty("reward", out var rewardArray) && rewardArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in rewardArray.EnumerateArray())
            {
                rewards.Add([.. block.EnumerateArray().Select(r => Hex.DecodeQuantity(r.GetString()!))]);
            }
        }

        return new FeeHistory(Hex.DecodeQuantityUInt64(Str(e, "oldestBlock")), baseFees, rewards);
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : ThrowHelper.ThrowFormat<string>($"The node's object lacks the string member '{name}'.");

    private static Address? OptionalAddress(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Address.Parse(value.GetString()!) : null;
}
