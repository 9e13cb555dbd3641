using System.Runtime.CompilerServices;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Events;

/// <summary>
/// Follows contract logs with eth_getLogs from a persisted cursor: in order (block, log index), at least once, only
/// final blocks (the chain's <c>finalized</c> block where it has one, else
/// <see cref="EventFollowerOptions.ConfirmationDepth"/> behind the head), resumable after a restart. A log counts as
/// handled when the consumer asks for the next one; the cursor is saved at the end of every block range and every
/// <see cref="EventFollowerOptions.SaveEveryEvents"/> handled logs.
/// </summary>
/// <remarks>
/// <para>
/// It keeps going: an RPC failure (node down, timeout, malformed reply) pauses the stream with backoff and it picks
/// up where it was; a provider that refuses a block range (too wide, too many results) gets half the range, which
/// grows back after a run of successes.
/// </para>
/// <para>
/// Reorganisations: the stream remembers the hashes of recently processed blocks and the logs it delivered from them.
/// When the newest block is no longer canonical it rewinds to the newest remembered block that still is, hands the
/// consumer each delivered log of the abandoned blocks again with <see cref="LogEntry.Removed"/> set (newest first),
/// and reads on from there. A range whose logs and headers disagree (a reorganisation while reading) is read again.
/// </para>
/// </remarks>
public sealed class EventFollower
{
    private const int SuccessesBeforeGrowing = 8;

    private readonly EthClient _eth;
    private readonly IEventCursorStore _store;
    private readonly EventFollowerOptions _options;
    private long _rewinds;
    private long _restarts;
    private bool? _hasFinalized;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a stream; nothing is read until <see cref="FollowAsync"/> is enumerated.</summary>
    public EventFollower(EthClient eth, IEventCursorStore store, EventFollowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _eth = eth;
        _store = store;
        _options = options;
        BlockRange = Math.Max(1, options.MaxBlockRange);
    }

    /// <summary>The cursor after the last handled log (null before the stream starts).</summary>
    public EventCursor? Cursor { get; private set; }

    /// <summary>How many times the stream rewound because of a reorganisation.</summary>
    public long Rewinds => Interlocked.Read(ref _rewinds);

    /// <summary>How many times the stream paused and resumed after an RPC failure.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>The last RPC failure the stream recovered from (null if none).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>The block range of the next eth_getLogs request.</summary>
    public ulong BlockRange { get; private set; }

    /// <summary>
    /// Asks for a look at the chain now instead of after the poll interval (a consumer that expects an event, e.g. a
    /// storage node asked to confirm a blob whose registration it has not seen yet). Wakes coalesce, and polls stay at
    /// least <see cref="EventFollowerOptions.MinWakeInterval"/> apart, so callers cannot make the stream hammer the RPC.
    /// </summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>The logs, forever (until cancelled); removed ones (after a reorganisation) carry <see cref="LogEntry.Removed"/>.</summary>
    public async IAsyncEnumerable<LogEntry> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = await _store.LoadAsync(cancellationToken) ?? EventCursor.StartAt(_options.StartBlock);
        var delivered = new List<LogEntry>(cursor.DeliveredLogs ?? []);
        Cursor = cursor;
        var failures = 0;
        var successes = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step step;
            try
            {
                step = await NextStepAsync(cursor, cancellationToken);
                failures = 0;
            }
            catch (Exception e) when (IsRpcFailure(e, cancellationToken))
            {
                failures++;
                LastError = e;
                Interlocked.Increment(ref _restarts);
                ChainTelemetry.EventRestarts.Add(1);
                await Task.Delay(Backoff(failures), _options.TimeProvider, cancellationToken);
                continue;
            }

            switch (step.Kind)
            {
                case StepKind.Wait:
                    await WaitForNextPollAsync(cancellationToken);
                    continue;
                case StepKind.RangeRefused:
                    successes = 0;
                    BlockRange = Math.Max(1, BlockRange / 2);
                    ChainTelemetry.EventRangeShrinks.Add(1);
                    continue;
                case StepKind.Rewind:
                    Interlocked.Increment(ref _rewinds);
                    ChainTelemetry.EventRewinds.Add(1);
                    var rewound = step.Cursor!;
                    if (_options.DeliverRemovedLogs)
                    {
                        // Newest first; each counts as handled when the consumer asks for the next. The rewound cursor is
                        // saved only afterwards, so a crash in between reports the removals again.
                        for (var i = delivered.Count - 1; i >= 0; i--)
                        {
                            if (delivered[i].BlockNumber >= rewound.NextBlock)
                            {
                                yield return delivered[i] with { Removed = true };
                            }
                        }
                    }

                    delivered.RemoveAll(l => l.BlockNumber >= rewound.NextBlock);
                    cursor = rewound with { DeliveredLogs = [.. delivered] };
                    Cursor = cursor;
                    await _store.SaveAsync(cursor, cancellationToken);
                    continue;
                default:
                    break;
            }

            if (++successes >= SuccessesBeforeGrowing && BlockRange < _options.MaxBlockRange)
            {
                BlockRange = Math.Min(Math.Max(1, _options.MaxBlockRange), BlockRange * 2);
                successes = 0;
            }

            var unsaved = 0;
            foreach (var log in step.Logs!)
            {
                if (log.BlockNumber == cursor.NextBlock && log.LogIndex <= cursor.HandledThroughLogIndex)
                {
                    continue;
                }

                yield return log;

                delivered.Add(log);
                cursor = cursor with { NextBlock = log.BlockNumber, HandledThroughLogIndex = log.LogIndex };
                Cursor = cursor;
                if (++unsaved >= _options.SaveEveryEvents)
                {
                    cursor = cursor with { DeliveredLogs = [.. delivered] };
                    await _store.SaveAsync(cursor, cancellationToken);
                    unsaved = 0;
                }
            }

            var recent = Remember(cursor.RecentBlocks, step.Headers!);
            Forget(delivered, recent);
            cursor = new EventCursor(step.To + 1, -1, recent, [.. delivered]);
            Cursor = cursor;
            await _store.SaveAsync(cursor, cancellationToken);
        }
    }

    /// <summary>Waits the poll interval, or less when <see cref="Wake"/> is called (but at least the minimum wake interval).</summary>
    private async Task WaitForNextPollAsync(CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var start = time.GetTimestamp();
        var wake = Volatile.Read(ref _wake);
        if (!wake.Task.IsCompleted)
        {
            using var woken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(wake.Task, Task.Delay(_options.PollInterval, time, woken.Token));
            await woken.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (wake.Task.IsCompleted)
        {
            // A wake that arrives from here on asks for the poll after this one.
            Interlocked.CompareExchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wake);
            var waited = time.GetElapsedTime(start);
            if (waited < _options.MinWakeInterval)
            {
                await Task.Delay(_options.MinWakeInterval - waited, time, cancellationToken);
            }
        }
    }

    private async Task<Step> NextStepAsync(EventCursor cursor, CancellationToken cancellationToken)
    {
        if (await SafeHeadAsync(cancellationToken) is not { } safe || safe < cursor.NextBlock)
        {
            return Step.Wait;
        }

        var rewound = await CheckAncestryAsync(cursor, cancellationToken);
        if (rewound is not null)
        {
            return new Step(StepKind.Rewind, rewound, null, null, 0);
        }

        var from = cursor.NextBlock;
        var to = Math.Min(safe, from + BlockRange - 1);
        try
        {
            var range = await ReadRangeAsync(from, to, cursor, cancellationToken);

            // Null: the chain changed under the read; look again after a pause.
            return range is { } r ? new Step(StepKind.Range, null, r.Logs, r.Headers, to) : Step.Wait;
        }
        catch (RpcException e) when (e.IsLogRangeTooLarge && to > from)
        {
            return Step.Refused;
        }
    }

    /// <summary>The newest block that may be read: the finalized one where the node has the tag, else head - depth.</summary>
    private async Task<ulong?> SafeHeadAsync(CancellationToken cancellationToken)
    {
        if (_options.UseFinalizedTag && _hasFinalized != false)
        {
            BlockHeader? finalized = null;
            try
            {
                finalized = await _eth.GetBlockHeaderAsync(BlockParameter.Finalized, cancellationToken);
            }
            catch (RpcException e) when (e.IsNodeError)
            {
                // The node does not know the tag.
            }

            _hasFinalized = finalized is not null;
            if (finalized is not null)
            {
                return finalized.Number;
            }
        }

        var head = await _eth.GetBlockNumberAsync(cancellationToken);
        return head < _options.ConfirmationDepth ? null : head - _options.ConfirmationDepth;
    }

    private async Task<(List<LogEntry> Logs, List<BlockRef> Headers)?> ReadRangeAsync(ulong from, ulong to, EventCursor cursor, CancellationToken cancellationToken)
    {
        var filter = new LogFilter(from, to)
        {
            Addresses = _options.Addresses,
            Topics = _options.Topics.Count > 0 ? [_options.Topics] : [],
        };
        var logs = (await _eth.GetLogsAsync(filter, cancellationToken))
            .OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex).ToList();
        foreach (var log in logs)
        {
            if (log.BlockNumber < from || log.BlockNumber > to)
            {
                throw new RpcMalformedResponseException("eth_getLogs", $"a log of block {log.BlockNumber} answers a query for blocks {from}-{to}.");
            }
        }

        var numbers = new SortedSet<ulong>(logs.Select(l => l.BlockNumber)) { from, to };
        var list = numbers.ToList();
        var headers = await _eth.GetBlockHeadersAsync(list, cancellationToken);
        var byNumber = new Dictionary<ulong, BlockHeader>();
        for (var i = 0; i < list.Count; i++)
        {
            if (headers[i] is not { } header)
            {
                return null;
            }

            byNumber[list[i]] = header;
        }

        // The first block must extend the last one processed, and every log must belong to the headers we saw.
        if (cursor.RecentBlocks.Count > 0 && cursor.RecentBlocks[^1] is var last && last.Number == from - 1 &&
            byNumber[from].ParentHash != last.Hash)
        {
            return null;
        }

        foreach (var log in logs)
        {
            if (log.Removed || log.BlockHash != byNumber[log.BlockNumber].Hash)
            {
                return null;
            }
        }

        return (logs, [.. list.Select(n => new BlockRef(n, byNumber[n].Hash))]);
    }

    private async Task<EventCursor?> CheckAncestryAsync(EventCursor cursor, CancellationToken cancellationToken)
    {
        if (cursor.RecentBlocks.Count == 0)
        {
            return null;
        }

        var newest = cursor.RecentBlocks[^1];
        var header = await _eth.GetBlockHeaderAsync(BlockParameter.Number(newest.Number), cancellationToken);
        if (header is not null && header.Hash == newest.Hash)
        {
            return null;
        }

        var numbers = cursor.RecentBlocks.Select(b => b.Number).ToList();
        var canonical = await _eth.GetBlockHeadersAsync(numbers, cancellationToken);
        for (var i = cursor.RecentBlocks.Count - 1; i >= 0; i--)
        {
            if (canonical[i] is { } h && h.Hash == cursor.RecentBlocks[i].Hash)
            {
                return new EventCursor(cursor.RecentBlocks[i].Number + 1, -1, [.. cursor.RecentBlocks.Take(i + 1)]);
            }
        }

        // Deeper than we remember: start again from the oldest remembered block.
        return new EventCursor(cursor.RecentBlocks[0].Number, -1, []);
    }

    private List<BlockRef> Remember(IReadOnlyList<BlockRef> previous, List<BlockRef> latest)
    {
        var combined = new List<BlockRef>(previous.Count + latest.Count);
        combined.AddRange(previous);
        foreach (var block in latest)
        {
            if (combined.Count == 0 || combined[^1].Number < block.Number)
            {
                combined.Add(block);
            }
        }

        return combined.Count > _options.RememberedBlocks ? combined[^_options.RememberedBlocks..] : combined;
    }

    /// <summary>Drops delivered logs older than the remembered blocks (no reorganisation the stream can see reaches them) and beyond the cap.</summary>
    private void Forget(List<LogEntry> delivered, List<BlockRef> recent)
    {
        if (!_options.DeliverRemovedLogs || recent.Count == 0)
        {
            delivered.Clear();
            return;
        }

        var oldest = recent[0].Number;
        delivered.RemoveAll(l => l.BlockNumber < oldest);
        if (delivered.Count > _options.RememberedLogs)
        {
            delivered.RemoveRange(0, delivered.Count - _options.RememberedLogs);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var ticks = _options.RestartBackoff.Ticks * Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(ticks, _options.MaxRestartBackoff.Ticks));
    }

    private static bool IsRpcFailure(Exception e, CancellationToken cancellationToken) =>
        e is RpcException or RpcTransportException or TimeoutException or HttpRequestException or IOException ||
        (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private enum StepKind
    {
        Wait,
        RangeRefused,
        Rewind,
        Range,
    }

    private sealed record Step(StepKind Kind, EventCursor? Cursor, List<LogEntry>? Logs, List<BlockRef>? Headers, ulong To)
    {
        public static Step Wait { get; } = new(StepKind.Wait, null, null, null, 0);

        public static Step Refused { get; } = new(StepKind.RangeRefused, null, null, null, 0);
    }
}
