using Walrus.Chain.Rpc;

namespace Walrus.Chain.Events;

/// <summary>
/// Where an event stream resumes: the next block to read, how many of that block's logs (by log index)
/// were already handled (-1 for none), recently processed blocks with their hashes, newest last, to detect and
/// undo reorganisations, and the logs delivered from those blocks, so that a reorganisation can name the
/// delivered logs it removed (also after a restart).
/// </summary>
public sealed record EventCursor(ulong NextBlock, long HandledThroughLogIndex, IReadOnlyList<BlockRef> RecentBlocks, IReadOnlyList<LogEntry>? DeliveredLogs = null)
{
    /// <summary>A cursor that starts at <paramref name="block"/> with no history.</summary>
    public static EventCursor StartAt(ulong block) => new(block, -1, []);
}
