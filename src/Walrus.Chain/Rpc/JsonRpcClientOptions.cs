namespace Walrus.Chain.Rpc;

/// <summary>Options of <see cref="JsonRpcClient"/>.</summary>
public sealed class JsonRpcClientOptions
{
    /// <summary>The node's HTTP JSON-RPC endpoint, e.g. http://127.0.0.1:8545.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>How long one HTTP attempt may take before it counts as a (transient) timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, for transient failures only (connection errors, timeouts, 429, 502-504).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Backoff before the first retry; doubles each time, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of one backoff.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest reply body accepted, in bytes; a bigger one is an <see cref="RpcMalformedResponseException"/>.
    /// Large enough for eth_getLogs over a busy range, small enough that a hostile endpoint cannot exhaust memory.
    /// </summary>
    public int MaxResponseBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Clock for timeouts and backoff (tests inject a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
