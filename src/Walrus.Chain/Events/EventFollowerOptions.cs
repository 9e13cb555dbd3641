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

    /// <summary>Blocks behind the head that are not read yet (0 reads up to the head, as on anvil).</summary>
    public ulong ConfirmationDepth { get; init; } = 2;

    /// <summary>The widest block range of one eth_getLogs request.</summary>
    public ulong MaxBlockRange { get; init; } = 1000;

    /// <summary>How long to wait for new blocks when caught up.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many processed blocks to remember for reorganisation checks.</summary>
    public int RememberedBlocks { get; init; } = 128;

    /// <summary>Save the cursor at least every this many handled events (and at the end of every range).</summary>
    public int SaveEveryEvents { get; init; } = 100;

    /// <summary>Clock for polling.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
