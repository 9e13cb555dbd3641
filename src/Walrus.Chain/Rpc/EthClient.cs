using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Walrus.Chain.Rpc;

/// <summary>
/// Typed eth_* methods over a <see cref="JsonRpcClient"/>. Parsing is total: a result of the wrong shape surfaces as
/// <see cref="RpcMalformedResponseException"/> naming the method, never as a FormatException or the like.
/// </summary>
public sealed class EthClient
{
    // A reference, so that a reader on another thread sees either nothing or the whole value (no torn Nullable<ulong>).
    private volatile StrongBox<ulong>? _chainId;

    /// <summary>Wraps a JSON-RPC client.</summary>
    public EthClient(JsonRpcClient rpc)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        Rpc = rpc;
    }

    /// <summary>The underlying JSON-RPC client, for methods not wrapped here.</summary>
    public JsonRpcClient Rpc { get; }

    /// <summary>eth_chainId (cached after the first call).</summary>
    public async Task<ulong> GetChainIdAsync(CancellationToken cancellationToken)
    {
        if (_chainId is { } known)
        {
            return known.Value;
        }

        var result = await Rpc.CallAsync("eth_chainId", null, cancellationToken);
        var id = Parse("eth_chainId", result, static e => Hex.DecodeQuantityUInt64(ReadString(e)));
        _chainId = new StrongBox<ulong>(id);
        return id;
    }

    /// <summary>eth_blockNumber.</summary>
    public async Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken) =>
        Parse("eth_blockNumber", await Rpc.CallAsync("eth_blockNumber", null, cancellationToken), static e => Hex.DecodeQuantityUInt64(ReadString(e)));

    /// <summary>eth_getBalance in wei.</summary>
    public async Task<BigInteger> GetBalanceAsync(Address account, BlockParameter? block, CancellationToken cancellationToken)
    {
        var tag = (block ?? BlockParameter.Latest).ToString();
        var result = await Rpc.CallAsync("eth_getBalance", w =>
        {
            w.WriteStringValue(account.ToLowerHex());
            w.WriteStringValue(tag);
        }, cancellationToken);
        return Parse("eth_getBalance", result, static e => Hex.DecodeQuantity(ReadString(e)));
    }

    /// <summary>eth_getTransactionCount: the next nonce (at <paramref name="block"/>; pending includes the pool).</summary>
    public async Task<ulong> GetTransactionCountAsync(Address account, BlockParameter block, CancellationToken cancellationToken)
    {
        var tag = block.ToString();
        var result = await Rpc.CallAsync("eth_getTransactionCount", w =>
        {
            w.WriteStringValue(account.ToLowerHex());
            w.WriteStringValue(tag);
        }, cancellationToken);
        return Parse("eth_getTransactionCount", result, static e => Hex.DecodeQuantityUInt64(ReadString(e)));
    }

    /// <summary>eth_getCode.</summary>
    public async Task<byte[]> GetCodeAsync(Address account, CancellationToken cancellationToken)
    {
        var result = await Rpc.CallAsync("eth_getCode", w =>
        {
            w.WriteStringValue(account.ToLowerHex());
            w.WriteStringValue("latest");
        }, cancellationToken);
        return Parse("eth_getCode", result, static e => Hex.Decode(ReadString(e)));
    }

    /// <summary>eth_call; a revert surfaces as an <see cref="RpcException"/> whose RevertData holds the contract's bytes.</summary>
    public async Task<byte[]> CallAsync(CallRequest call, BlockParameter? block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var tag = (block ?? BlockParameter.Latest).ToString();
        var result = await Rpc.CallAsync("eth_call", w =>
        {
            WriteCall(w, call);
            w.WriteStringValue(tag);
        }, cancellationToken);
        return Parse("eth_call", result, static e => Hex.Decode(ReadString(e)));
    }

    /// <summary>
    /// Several eth_calls in one JSON-RPC batch, all at the same block; each result is the return data or the
    /// node's error (a revert keeps its data in <see cref="RpcException.RevertData"/>).
    /// </summary>
    public async Task<IReadOnlyList<RpcResult>> CallManyAsync(IReadOnlyList<CallRequest> calls, BlockParameter? block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var tag = (block ?? BlockParameter.Latest).ToString();
        var requests = new RpcRequest[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            requests[i] = new RpcRequest("eth_call", w =>
            {
                WriteCall(w, call);
                w.WriteStringValue(tag);
            });
        }

        return await Rpc.CallBatchAsync(requests, cancellationToken);
    }

    /// <summary>eth_estimateGas.</summary>
    public async Task<ulong> EstimateGasAsync(CallRequest call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var result = await Rpc.CallAsync("eth_estimateGas", w => WriteCall(w, call), cancellationToken);
        return Parse("eth_estimateGas", result, static e => Hex.DecodeQuantityUInt64(ReadString(e)));
    }

    /// <summary>eth_sendRawTransaction; returns the transaction hash.</summary>
    public async Task<Hash256> SendRawTransactionAsync(ReadOnlyMemory<byte> raw, CancellationToken cancellationToken)
    {
        var hex = Hex.Encode(raw.Span);
        var result = await Rpc.CallAsync("eth_sendRawTransaction", w => w.WriteStringValue(hex), cancellationToken);
        return Parse("eth_sendRawTransaction", result, static e => Hash256.Parse(ReadString(e)));
    }

    /// <summary>eth_getTransactionReceipt; null while the transaction is not mined.</summary>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(Hash256 hash, CancellationToken cancellationToken)
    {
        var text = hash.ToString();
        var result = await Rpc.CallAsync("eth_getTransactionReceipt", w => w.WriteStringValue(text), cancellationToken);
        return result.ValueKind == JsonValueKind.Null ? null : Parse("eth_getTransactionReceipt", result, RpcJson.ReadReceipt);
    }

    /// <summary>
    /// eth_getTransactionByHash: where the node knows the transaction (in its pool or mined), or null when it does
    /// not know it at all.
    /// </summary>
    public async Task<TransactionLookup?> GetTransactionByHashAsync(Hash256 hash, CancellationToken cancellationToken)
    {
        var text = hash.ToString();
        var result = await Rpc.CallAsync("eth_getTransactionByHash", w => w.WriteStringValue(text), cancellationToken);
        return result.ValueKind == JsonValueKind.Null ? null : Parse("eth_getTransactionByHash", result, RpcJson.ReadTransactionLookup);
    }

    /// <summary>eth_maxPriorityFeePerGas.</summary>
    public async Task<BigInteger> GetMaxPriorityFeePerGasAsync(CancellationToken cancellationToken) =>
        Parse("eth_maxPriorityFeePerGas", await Rpc.CallAsync("eth_maxPriorityFeePerGas", null, cancellationToken), static e => Hex.DecodeQuantity(ReadString(e)));

    /// <summary>eth_feeHistory over the last <paramref name="blockCount"/> blocks up to <paramref name="newest"/>.</summary>
    public async Task<FeeHistory> GetFeeHistoryAsync(int blockCount, BlockParameter newest, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewardPercentiles);
        var tag = newest.ToString();
        var result = await Rpc.CallAsync("eth_feeHistory", w =>
        {
            w.WriteStringValue(Hex.EncodeQuantity((ulong)blockCount));
            w.WriteStringValue(tag);
            w.WriteStartArray();
            foreach (var p in rewardPercentiles)
            {
                w.WriteNumberValue(p);
            }

            w.WriteEndArray();
        }, cancellationToken);
        return Parse("eth_feeHistory", result, RpcJson.ReadFeeHistory);
    }

    /// <summary>eth_getBlockByNumber without transactions; null if the block does not exist.</summary>
    public async Task<BlockHeader?> GetBlockHeaderAsync(BlockParameter block, CancellationToken cancellationToken)
    {
        var tag = block.ToString();
        var result = await Rpc.CallAsync("eth_getBlockByNumber", w =>
        {
            w.WriteStringValue(tag);
            w.WriteBooleanValue(false);
        }, cancellationToken);
        return result.ValueKind == JsonValueKind.Null ? null : Parse("eth_getBlockByNumber", result, RpcJson.ReadBlockHeader);
    }

    /// <summary>Headers of several blocks in one batch request; null entries for blocks that do not exist yet.</summary>
    public async Task<IReadOnlyList<BlockHeader?>> GetBlockHeadersAsync(IReadOnlyList<ulong> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var requests = new RpcRequest[numbers.Count];
        for (var i = 0; i < numbers.Count; i++)
        {
            var tag = Hex.EncodeQuantity(numbers[i]);
            requests[i] = new RpcRequest("eth_getBlockByNumber", w =>
            {
                w.WriteStringValue(tag);
                w.WriteBooleanValue(false);
            });
        }

        var results = await Rpc.CallBatchAsync(requests, cancellationToken);
        var headers = new BlockHeader?[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            var element = results[i].GetResultOrThrow();
            headers[i] = element.ValueKind == JsonValueKind.Null ? null : Parse("eth_getBlockByNumber", element, RpcJson.ReadBlockHeader);
        }

        return headers;
    }

    /// <summary>eth_getLogs.</summary>
    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var result = await Rpc.CallAsync("eth_getLogs", w =>
        {
            w.WriteStartObject();
            w.WriteString("fromBlock"u8, Hex.EncodeQuantity(filter.FromBlock));
            w.WriteString("toBlock"u8, Hex.EncodeQuantity(filter.ToBlock));
            if (filter.Addresses.Count > 0)
            {
                w.WriteStartArray("address"u8);
                foreach (var address in filter.Addresses)
                {
                    w.WriteStringValue(address.ToLowerHex());
                }

                w.WriteEndArray();
            }

            if (filter.Topics.Count > 0)
            {
                w.WriteStartArray("topics"u8);
                foreach (var position in filter.Topics)
                {
                    if (position is null)
                    {
                        w.WriteNullValue();
                        continue;
                    }

                    w.WriteStartArray();
                    foreach (var topic in position)
                    {
                        w.WriteStringValue(topic.ToString());
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }, cancellationToken);
        return Parse<IReadOnlyList<LogEntry>>("eth_getLogs", result, static e =>
        {
            var logs = new List<LogEntry>(e.GetArrayLength());
            foreach (var element in e.EnumerateArray())
            {
                logs.Add(RpcJson.ReadLog(element));
            }

            return logs;
        });
    }

    private static void WriteCall(Utf8JsonWriter w, CallRequest call)
    {
        w.WriteStartObject();
        if (call.From is { } from)
        {
            w.WriteString("from"u8, from.ToLowerHex());
        }

        if (call.To is { } to)
        {
            w.WriteString("to"u8, to.ToLowerHex());
        }

        if (call.Gas is { } gas)
        {
            w.WriteString("gas"u8, Hex.EncodeQuantity(gas));
        }

        if (!call.Value.IsZero)
        {
            w.WriteString("value"u8, Hex.EncodeQuantity(call.Value));
        }

        w.WriteString("input"u8, Hex.Encode(call.Data.Span));
        w.WriteEndObject();
    }

    /// <summary>
    /// Reads a result with <paramref name="read"/>; whatever a wrong shape makes the reader throw becomes one
    /// <see cref="RpcMalformedResponseException"/> for <paramref name="method"/>.
    /// </summary>
    internal static T Parse<T>(string method, JsonElement result, Func<JsonElement, T> read)
    {
        try
        {
            return read(result);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            throw new RpcMalformedResponseException(method, e.Message, e);
        }
    }

    private static string ReadString(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : ThrowHelper.ThrowFormat<string>($"Expected a JSON string, got {element.ValueKind}.");
}
