using Walrus.Core;

namespace Walrus.Gateway;

/// <summary>
/// Whole blobs read recently, in memory, keyed by blob id, evicted least-recently-used first when their total size would
/// pass the budget. A blob id names its bytes for ever, so an entry never goes stale (only its availability does, which
/// the aggregator checks on chain before it looks here).
/// </summary>
public sealed class BlobCache(long capacityBytes, long maxEntryBytes)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<BlobId, LinkedListNode<(BlobId Id, byte[] Bytes)>> _entries = [];
    private readonly LinkedList<(BlobId Id, byte[] Bytes)> _order = new();
    private long _size;

    /// <summary>Bytes held.</summary>
    public long Size
    {
        get
        {
            lock (_lock)
            {
                return _size;
            }
        }
    }

    /// <summary>Whether a blob of <paramref name="length"/> bytes would be kept.</summary>
    public bool Accepts(long length) => length <= maxEntryBytes && length <= capacityBytes;

    /// <summary>The cached bytes of a blob, or null.</summary>
    public byte[]? TryGet(BlobId blobId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(blobId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Bytes;
        }
    }

    /// <summary>Keeps a blob's bytes (which must not change afterwards), evicting the least recently used.</summary>
    public void Add(BlobId blobId, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!Accepts(bytes.Length))
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey(blobId))
            {
                return;
            }

            while (_size + bytes.Length > capacityBytes && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _entries.Remove(oldest.Value.Id);
                _size -= oldest.Value.Bytes.Length;
            }

            _entries[blobId] = _order.AddFirst((blobId, bytes));
            _size += bytes.Length;
        }
    }
}
