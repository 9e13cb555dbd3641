using Walrus.Core;

namespace Walrus.StorageNode.Node;

/// <summary>
/// Uploads received with <c>?pending=true</c> before the node saw the blob's registration: held in memory under a hard
/// byte bound, each blob for a limited time, then stored when the registration arrives or dropped.
/// </summary>
public sealed class PendingUploads
{
    private readonly Lock _lock = new();
    private readonly Dictionary<BlobId, Entry> _entries = [];
    private readonly long _maxBytes;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private long _bytes;

    public PendingUploads(long maxBytes, TimeSpan lifetime, TimeProvider time)
    {
        _maxBytes = maxBytes;
        _lifetime = lifetime;
        _time = time;
    }

    /// <summary>Bytes held.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Blobs held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Buffers metadata; false when the bound would be exceeded.</summary>
    public bool TryAddMetadata(BlobId blobId, byte[] metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        lock (_lock)
        {
            ExpireLocked();
            var entry = GetOrCreateLocked(blobId);
            if (entry.Metadata is not null)
            {
                return true;
            }

            if (_bytes + metadata.Length > _maxBytes)
            {
                RemoveIfEmptyLocked(blobId, entry);
                return false;
            }

            entry.Metadata = metadata;
            _bytes += metadata.Length;
            return true;
        }
    }

    /// <summary>Buffers a sliver; false when the bound would be exceeded.</summary>
    public bool TryAddSliver(BlobId blobId, SliverPairIndex pair, SliverType type, byte[] sliver)
    {
        ArgumentNullException.ThrowIfNull(sliver);
        lock (_lock)
        {
            ExpireLocked();
            var entry = GetOrCreateLocked(blobId);
            if (entry.Slivers.ContainsKey((pair, type)))
            {
                return true;
            }

            if (_bytes + sliver.Length > _maxBytes)
            {
                RemoveIfEmptyLocked(blobId, entry);
                return false;
            }

            entry.Slivers[(pair, type)] = sliver;
            _bytes += sliver.Length;
            return true;
        }
    }

    /// <summary>The buffered metadata of a blob, or null.</summary>
    public byte[]? GetMetadata(BlobId blobId)
    {
        lock (_lock)
        {
            ExpireLocked();
            return _entries.TryGetValue(blobId, out var entry) ? entry.Metadata : null;
        }
    }

    /// <summary>Whether a sliver is buffered.</summary>
    public bool HasSliver(BlobId blobId, SliverPairIndex pair, SliverType type)
    {
        lock (_lock)
        {
            ExpireLocked();
            return _entries.TryGetValue(blobId, out var entry) && entry.Slivers.ContainsKey((pair, type));
        }
    }

    /// <summary>What is buffered for a blob, left in the buffer (so readers keep seeing it until it is stored).</summary>
    public (byte[]? Metadata, IReadOnlyList<(SliverPairIndex Pair, SliverType Type, byte[] Sliver)> Slivers) Peek(BlobId blobId)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(blobId, out var entry)
                ? (entry.Metadata, [.. entry.Slivers.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value))])
                : (null, []);
        }
    }

    /// <summary>Removes the given parts of a blob's buffer (what was stored); the entry goes when it is empty.</summary>
    public void Remove(BlobId blobId, bool metadata, IEnumerable<(SliverPairIndex Pair, SliverType Type)> slivers)
    {
        ArgumentNullException.ThrowIfNull(slivers);
        lock (_lock)
        {
            if (!_entries.TryGetValue(blobId, out var entry))
            {
                return;
            }

            var before = entry.Size;
            if (metadata)
            {
                entry.Metadata = null;
            }

            foreach (var key in slivers)
            {
                entry.Slivers.Remove(key);
            }

            _bytes -= before - entry.Size;
            if (entry.Metadata is null && entry.Slivers.Count == 0)
            {
                _entries.Remove(blobId);
            }
        }
    }

    /// <summary>Removes and returns what is buffered for a blob.</summary>
    public (byte[]? Metadata, IReadOnlyList<(SliverPairIndex Pair, SliverType Type, byte[] Sliver)> Slivers) Take(BlobId blobId)
    {
        lock (_lock)
        {
            if (!_entries.Remove(blobId, out var entry))
            {
                return (null, []);
            }

            _bytes -= entry.Size;
            return (entry.Metadata, [.. entry.Slivers.Select(kv => (kv.Key.Item1, kv.Key.Item2, kv.Value))]);
        }
    }

    /// <summary>Drops expired entries; returns their blob ids.</summary>
    public IReadOnlyList<BlobId> Expire()
    {
        lock (_lock)
        {
            return ExpireLocked();
        }
    }

    private List<BlobId> ExpireLocked()
    {
        var now = _time.GetUtcNow();
        List<BlobId>? expired = null;
        foreach (var (blobId, entry) in _entries)
        {
            if (now - entry.Created >= _lifetime)
            {
                (expired ??= []).Add(blobId);
            }
        }

        if (expired is null)
        {
            return [];
        }

        foreach (var blobId in expired)
        {
            _entries.Remove(blobId, out var entry);
            _bytes -= entry!.Size;
        }

        return expired;
    }

    private Entry GetOrCreateLocked(BlobId blobId)
    {
        if (!_entries.TryGetValue(blobId, out var entry))
        {
            entry = new Entry(_time.GetUtcNow());
            _entries[blobId] = entry;
        }

        return entry;
    }

    private void RemoveIfEmptyLocked(BlobId blobId, Entry entry)
    {
        if (entry.Metadata is null && entry.Slivers.Count == 0)
        {
            _entries.Remove(blobId);
        }
    }

    private sealed class Entry(DateTimeOffset created)
    {
        public DateTimeOffset Created { get; } = created;

        public byte[]? Metadata { get; set; }

        public Dictionary<(SliverPairIndex, SliverType), byte[]> Slivers { get; } = [];

        public long Size => (Metadata?.Length ?? 0) + Slivers.Values.Sum(s => (long)s.Length);
    }
}
