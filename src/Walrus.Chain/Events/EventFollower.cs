using System.Runtime.CompilerServices;
using Walrus.Chain.Rpc;

namespace Walrus.Chain.Events;

/// <summary>
/// Follows contract logs with eth_getLogs from a persisted cursor: in order (block, log index), at least
/// once, only blocks at least <see cref="EventFollowerOptions.ConfirmationDepth"/> behind the head, resumable
/// after a restart. A log counts as handled when the consumer asks for the next one; the cursor is saved at
/// the end of every block range and every <see cref="EventFollowerOptions.SaveEveryEvents"/> handled logs.
/// Reorganisations: the stream remembers the hashes of recently processed blocks; when the newest one is no
/// longer canonical it rewinds to the newest remembered block that still is and reads again from there
/// (consumers see the new chain's logs; they must be idempotent, as with any at-least-once stream).
/// A range whose logs and headers disagree (a reorganisation while reading) is read again.
/// </summary>
public sealed class EventFollower
{
    private readonly EthClient _eth;
    private readonly IEventCursorStore _store;
    private readonly EventFollowerOptions _options;
    private long _rewinds;

    /// <summary>Creates a stream; nothing is read until <see cref="FollowAsync"/> is enumerated.</summary>
    public EventFollower(EthClient eth, IEventCursorStore store, EventFollowerOptions options)
    {
        ArgumentNullException.ThrowIfNull(eth);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _eth = eth;
        _store = store;
        _options = options;
    }

    /// <summary>The cursor after the last handled log (null before the stream starts).</summary>
    public EventCursor? Cursor { get; private set; }

    /// <summary>How many times the stream rewound because of a reorganisation.</summary>
    public long Rewinds => Interlocked.Read(ref _rewinds);

    /// <summary>The logs, forever (until cancelled).</summary>
    public async IAsyncEnumerable<LogEntry> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = await _store.LoadAsync(cancellationToken) ?? EventCursor.StartAt(_options.StartBlock);
        Cursor = cursor;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var head = await _eth.GetBlockNumberAsync(cancellationToken);
            if (head < _options.ConfirmationDepth || head - _options.ConfirmationDepth < cursor.NextBlock)
            {
                await Task.Delay(_options.PollInterval, _options.TimeProvider, cancellationToken);
                continue;
            }

            var rewound = await CheckAncestryAsync(cursor, cancellationToken);
            if (rewound is not null)
            {
                Interlocked.Increment(ref _rewinds);
                ChainTelemetry.EventRewinds.Add(1);
                cursor = rewound;
                Cursor = cursor;
                await _store.SaveAsync(cursor, cancellationToken);
                continue;
            }

            var from = cursor.NextBlock;
            var to = Math.Min(head - _options.ConfirmationDepth, from + _options.MaxBlockRange - 1);
            var range = await ReadRangeAsync(from, to, cursor, cancellationToken);
            if (range is null)
            {
                // The chain changed under the read; look again after a pause.
                await Task.Delay(_options.PollInterval, _options.TimeProvider, cancellationToken);
                continue;
            }

            var (logs, headers) = range.Value;
            var unsaved = 0;
            foreach (var log in logs)
            {
                if (log.BlockNumber == cursor.NextBlock && log.LogIndex <= cursor.HandledThroughLogIndex)
                {
                    continue;
                }

                yield return log;

                cursor = cursor with { NextBlock = log.BlockNumber, HandledThroughLogIndex = log.LogIndex };
                Cursor = cursor;
                if (++unsaved >= _options.SaveEveryEvents)
                {
                    await _store.SaveAsync(cursor, cancellationToken);
                    unsaved = 0;
                }
            }

            cursor = new EventCursor(to + 1, -1, Remember(cursor.RecentBlocks, headers));
            Cursor = cursor;
            await _store.SaveAsync(cursor, cancellationToken);
        }
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
}
