using System.Numerics;
using System.Text.Json;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Transactions;

/// <summary>
/// Fees from the node: the next block's base fee (eth_feeHistory) and the tip (eth_maxPriorityFeePerGas,
/// else the median reward of recent blocks), fetched in one batch and cached briefly.
/// maxFeePerGas = 2 x next base fee + tip, which survives six full blocks of base-fee growth.
/// </summary>
public sealed class FeeOracle
{
    private static readonly BigInteger DefaultTip = 1_000_000_000;
    private readonly EthClient _eth;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheDuration;
    private readonly Lock _lock = new();
    private FeeEstimate? _cached;
    private long _cachedAt;
    private Task<FeeEstimate>? _inFlight;

    /// <summary>Creates an oracle that caches estimates for <paramref name="cacheDuration"/>.</summary>
    public FeeOracle(EthClient eth, TimeSpan cacheDuration, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(eth);
        _eth = eth;
        _cacheDuration = cacheDuration;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Current fees; concurrent callers share one request to the node.</summary>
    public Task<FeeEstimate> GetFeesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Fresh() is { } fresh)
            {
                return Task.FromResult(fresh);
            }

            if (_inFlight is null || _inFlight.IsCompleted)
            {
                _inFlight = FetchAsync(CancellationToken.None);
            }

            return _inFlight.WaitAsync(cancellationToken);
        }
    }

    private async Task<FeeEstimate> FetchAsync(CancellationToken cancellationToken)
    {
        var results = await _eth.Rpc.CallBatchAsync(
        [
            new RpcRequest("eth_feeHistory", w =>
            {
                w.WriteStringValue("0x5");
                w.WriteStringValue("latest");
                w.WriteStartArray();
                w.WriteNumberValue(50);
                w.WriteEndArray();
            }),
            new RpcRequest("eth_maxPriorityFeePerGas"),
        ], cancellationToken);

        var history = EthClient.Parse("eth_feeHistory", results[0].GetResultOrThrow(), RpcJson.ReadFeeHistory);
        var nextBaseFee = history.BaseFeePerGas.Count > 0 ? history.BaseFeePerGas[^1] : BigInteger.Zero;
        BigInteger tip;
        if (results[1].Error is null && results[1].Result.ValueKind == JsonValueKind.String)
        {
            tip = EthClient.Parse("eth_maxPriorityFeePerGas", results[1].Result, static e => Hex.DecodeQuantity(e.GetString()!));
        }
        else
        {
            var rewards = history.Reward.Where(r => r.Count > 0).Select(r => r[0]).Order().ToList();
            tip = rewards.Count > 0 ? rewards[rewards.Count / 2] : DefaultTip;
        }

        var estimate = new FeeEstimate((2 * nextBaseFee) + tip, tip);
        lock (_lock)
        {
            _cached = estimate;
            _cachedAt = _time.GetTimestamp();
        }

        return estimate;
    }

    private FeeEstimate? Fresh() =>
        _cached is { } cached && _time.GetElapsedTime(_cachedAt) < _cacheDuration ? cached : null;
}
