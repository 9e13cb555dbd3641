namespace Walrus.Chain.Events;

/// <summary>Options of <see cref="EventFollower"/>.</summary>
public sealed class EventFollowerOptions
{
    /// <summary>Contracts whose logs to follow; empty follows every contract.</summary>
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    /// <summary>Event signatures (topic 0) to follow; empty follows every event.</summary>
    public IReadOnlyList<Hash256> Topics { get; init; } = [];

    /// <summary>The first block to read when no cursor was saved (e.g. the deployment block).</summary>
    public ulong StartBlock { get; init; }

    /// <summary>
    /// Read only up to the chain's <c>finalized</c> block where the node reports one (no reorganisation can reach
    /// it); where it does not, fall back to <see cref="ConfirmationDepth"/>. Finality can lag the head by minutes
    /// (about 13 on Ethereum, 64 blocks on anvil): turn it off when latency matters more.
    /// </summary>
    public bool UseFinalizedTag { get; init; } = true;

    /// <summary>Blocks behind the head that are not read yet when the finalized tag is off or unknown (0 reads up to the head).</summary>
    public ulong ConfirmationDepth { get; init; } = 2;

    /// <summary>The widest block range of one eth_getLogs request; halved while the provider refuses a range, grown back after successes.</summary>
    public ulong MaxBlockRange { get; init; } = 1000;

    /// <summary>
    /// Whether a reorganisation hands the consumer the delivered logs it removed, again, with <see cref="Rpc.LogEntry.Removed"/>
    /// set (newest first), before the new chain's logs. Consumers must check the flag.
    /// </summary>
    public bool DeliverRemovedLogs { get; init; } = true;

    /// <summary>The most delivered logs remembered for <see cref="DeliverRemovedLogs"/> (oldest forgotten first).</summary>
    public int RememberedLogs { get; init; } = 10_000;

    /// <summary>Pause after the first RPC failure; doubles with every further failure in a row, up to <see cref="MaxRestartBackoff"/>.</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between attempts while the node keeps failing.</summary>
    public TimeSpan MaxRestartBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait for new blocks when caught up.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The shortest pause between two polls, even when <see cref="EventFollower.Wake"/> asks for one sooner.</summary>
    public TimeSpan MinWakeInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How many processed blocks to remember for reorganisation checks.</summary>
    public int RememberedBlocks { get; init; } = 128;

    /// <summary>Save the cursor at least every this many handled events (and at the end of every range).</summary>
    public int SaveEveryEvents { get; init; } = 100;

    /// <summary>Clock for polling.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
