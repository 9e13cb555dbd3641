using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Walrus.Chain;

/// <summary>
/// Walrus.Chain's activity source and meter (both named <see cref="Name"/>): spans per JSON-RPC request
/// and transaction, counters for requests, retries, transactions, nonce resyncs and event-stream rewinds.
/// </summary>
public static class ChainTelemetry
{
    /// <summary>The ActivitySource and Meter name.</summary>
    public const string Name = "Walrus.Chain";

    /// <summary>Spans: "rpc {method}" and "tx send".</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> RpcRequests = Meter.CreateCounter<long>("walrus.chain.rpc.requests", description: "JSON-RPC HTTP requests sent (a batch counts once).");
    internal static readonly Counter<long> RpcRetries = Meter.CreateCounter<long>("walrus.chain.rpc.retries", description: "JSON-RPC attempts retried after a transient failure.");
    internal static readonly Histogram<double> RpcDuration = Meter.CreateHistogram<double>("walrus.chain.rpc.duration", unit: "ms", description: "Duration of JSON-RPC calls including retries.");
    internal static readonly Counter<long> TransactionsSent = Meter.CreateCounter<long>("walrus.chain.tx.sent", description: "Transactions accepted by the node.");
    internal static readonly Counter<long> NonceResyncs = Meter.CreateCounter<long>("walrus.chain.nonce.resyncs", description: "Nonce counters re-read from the node after a collision.");
    internal static readonly Counter<long> AmbiguousSends = Meter.CreateCounter<long>("walrus.chain.tx.ambiguous", description: "Broadcasts whose outcome was unknown (timeout, lost reply, 5xx) and was looked up by hash.");
    internal static readonly Counter<long> Replacements = Meter.CreateCounter<long>("walrus.chain.tx.replacements", description: "Transactions re-signed with the same nonce and bumped fees (replace-by-fee).");
    internal static readonly Counter<long> EventRestarts = Meter.CreateCounter<long>("walrus.chain.events.restarts", description: "Event-stream restarts after an RPC failure.");
    internal static readonly Counter<long> EventRangeShrinks = Meter.CreateCounter<long>("walrus.chain.events.range_shrinks", description: "eth_getLogs ranges halved because the provider refused them.");
    internal static readonly Counter<long> EventRewinds = Meter.CreateCounter<long>("walrus.chain.events.rewinds", description: "Event-stream rewinds after a chain reorganisation.");
}
