using System.Buffers.Binary;
using Walrus.Chain;
using Walrus.Chain.Events;
using Walrus.StorageNode.Storage;

namespace Walrus.StorageNode.Chain;

/// <summary>The event cursor in the node's database (node-state column family), saved with a synced write.</summary>
public sealed class RocksEventCursorStore(INodeStore store) : IEventCursorStore
{
    private const string Key = "event_cursor";
    private const byte Version = 1;

    public Task<EventCursor?> LoadAsync(CancellationToken cancellationToken)
    {
        var bytes = store.GetState(Key);
        if (bytes is null || bytes.Length < 1 + 8 + 8 + 4 || bytes[0] != Version)
        {
            return Task.FromResult<EventCursor?>(null);
        }

        var span = bytes.AsSpan(1);
        var next = BinaryPrimitives.ReadUInt64LittleEndian(span);
        var handled = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        if (count < 0 || span.Length != 20 + (count * 40))
        {
            return Task.FromResult<EventCursor?>(null);
        }

        var blocks = new List<BlockRef>(count);
        for (var i = 0; i < count; i++)
        {
            var entry = span.Slice(20 + (i * 40), 40);
            blocks.Add(new BlockRef(BinaryPrimitives.ReadUInt64LittleEndian(entry), new Hash256(entry[8..])));
        }

        return Task.FromResult<EventCursor?>(new EventCursor(next, handled, blocks));
    }

    public Task SaveAsync(EventCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var bytes = new byte[1 + 20 + (cursor.RecentBlocks.Count * 40)];
        bytes[0] = Version;
        var span = bytes.AsSpan(1);
        BinaryPrimitives.WriteUInt64LittleEndian(span, cursor.NextBlock);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], cursor.HandledThroughLogIndex);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], cursor.RecentBlocks.Count);
        for (var i = 0; i < cursor.RecentBlocks.Count; i++)
        {
            var entry = span.Slice(20 + (i * 40), 40);
            BinaryPrimitives.WriteUInt64LittleEndian(entry, cursor.RecentBlocks[i].Number);
            cursor.RecentBlocks[i].Hash.CopyTo(entry[8..]);
        }

        store.PutState(Key, bytes);
        return Task.CompletedTask;
    }
}
