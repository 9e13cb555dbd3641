using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Walrus.Core;

namespace Walrus.Gateway;

/// <summary>
/// The read cache's disk tier: whole blobs too large for (or evicted from) memory, one file per blob id in a folder,
/// evicted least-recently-used first when their total size would pass the budget. It survives restarts: the folder is
/// scanned at start.
/// </summary>
/// <remarks>
/// A disk can rot, and a cache must never serve bytes the blob id does not name. Each file carries a SHA-256 per
/// 1 MiB chunk in its header, and every chunk a read touches is checked before its bytes leave; a chunk that does not
/// match ends the read with <see cref="InvalidDataException"/> and deletes the entry. A file is written beside the
/// folder's entries under a temporary name and renamed into place only when complete, so a crash leaves no torn entry.
/// File layout: magic "WLRSCACH", u32 version, u64 length, u32 chunk count, the chunk hashes, then the blob.
/// </remarks>
public sealed class DiskBlobCache
{
    /// <summary>Bytes each header hash covers.</summary>
    public const int ChunkBytes = 1 << 20;

    private const uint Version = 1;
    private const int FixedHeaderBytes = 8 + 4 + 8 + 4;
    private const string TempSuffix = ".partial";
    private static readonly byte[] Magic = "WLRSCACH"u8.ToArray();

    private readonly string _directory;
    private readonly long _capacityBytes;
    private readonly long _maxEntryBytes;
    private readonly Lock _lock = new();
    private readonly Dictionary<BlobId, LinkedListNode<(BlobId Id, long Bytes)>> _entries = [];
    private readonly LinkedList<(BlobId Id, long Bytes)> _order = new();
    private long _size;

    /// <summary>Opens (creating it if needed) the cache folder <paramref name="directory"/> and indexes what it holds.</summary>
    public DiskBlobCache(string directory, long capacityBytes, long maxEntryBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntryBytes);
        _directory = Path.GetFullPath(directory);
        _capacityBytes = capacityBytes;
        _maxEntryBytes = maxEntryBytes;
        Directory.CreateDirectory(_directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        LoadIndex();
    }

    /// <summary>Bytes of blobs held (headers not counted).</summary>
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

    /// <summary>Number of blobs held.</summary>
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

    /// <summary>Whether a blob of <paramref name="length"/> bytes would be kept.</summary>
    public bool Accepts(long length) => length > 0 && length <= _maxEntryBytes && length <= _capacityBytes;

    /// <summary>The cached blob's length, or null when it is not here.</summary>
    public long? TryGetLength(BlobId blobId)
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

    /// <summary>
    /// Copies <paramref name="count"/> bytes from <paramref name="offset"/> of a cached blob to <paramref name="output"/>,
    /// checking every chunk it touches first. False when the entry is gone (evicted meanwhile); nothing was written then.
    /// </summary>
    /// <exception cref="InvalidDataException">A chunk does not match its hash: the entry is deleted; bytes before it may have been written.</exception>
    public async Task<bool> TryCopyAsync(BlobId blobId, long offset, long count, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        FileStream file;
        try
        {
            file = new FileStream(PathOf(blobId), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            Forget(blobId);
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await using (file)
            {
                var (length, hashes) = await ReadHeaderAsync(file, cancellationToken);
                if (offset < 0 || count < 0 || offset > length || count > length - offset)
                {
                    throw new ArgumentOutOfRangeException(nameof(offset), $"The range {offset}+{count} is not inside the cached blob's {length} bytes.");
                }

                var dataStart = HeaderBytes(hashes.Length / SHA256.HashSizeInBytes);
                var end = offset + count;
                var hash = new byte[SHA256.HashSizeInBytes];
                for (var chunk = offset / ChunkBytes; chunk * ChunkBytes < end; chunk++)
                {
                    var chunkStart = chunk * ChunkBytes;
                    var chunkLength = (int)Math.Min(ChunkBytes, length - chunkStart);
                    file.Position = dataStart + chunkStart;
                    await file.ReadExactlyAsync(buffer.AsMemory(0, chunkLength), cancellationToken);
                    SHA256.HashData(buffer.AsSpan(0, chunkLength), hash);
                    if (!hash.AsSpan().SequenceEqual(hashes.AsSpan((int)chunk * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes)))
                    {
                        throw Corrupt(blobId, $"chunk {chunk} does not match its hash");
                    }

                    var from = (int)Math.Max(0, offset - chunkStart);
                    var to = (int)Math.Min(chunkLength, end - chunkStart);
                    await output.WriteAsync(buffer.AsMemory(from, to - from), cancellationToken);
                }
            }
        }
        catch (EndOfStreamException)
        {
            throw Corrupt(blobId, "the file is shorter than its header says");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return true;
    }

    /// <summary>
    /// Starts writing a blob of <paramref name="length"/> bytes; write the whole blob to the returned stream, then
    /// <see cref="Entry.CommitAsync"/>. Null when the blob is too large or already cached.
    /// </summary>
    public Entry? BeginAdd(BlobId blobId, long length)
    {
        if (!Accepts(length))
        {
            return null;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey(blobId))
            {
                return null;
            }
        }

        var chunks = (int)((length + ChunkBytes - 1) / ChunkBytes);
        var temp = PathOf(blobId) + "." + Guid.NewGuid().ToString("N") + TempSuffix;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(temp, options);
        file.Position = HeaderBytes(chunks);
        return new Entry(this, blobId, length, chunks, temp, file);
    }

    private static long HeaderBytes(int chunks) => FixedHeaderBytes + ((long)chunks * SHA256.HashSizeInBytes);

    private static async Task<(long Length, byte[] Hashes)> ReadHeaderAsync(FileStream file, CancellationToken cancellationToken)
    {
        var fixedHeader = new byte[FixedHeaderBytes];
        await file.ReadExactlyAsync(fixedHeader, cancellationToken);
        if (!fixedHeader.AsSpan(0, 8).SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32LittleEndian(fixedHeader.AsSpan(8)) != Version)
        {
            throw new InvalidDataException("not a blob cache file of this version");
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(fixedHeader.AsSpan(12));
        var chunks = BinaryPrimitives.ReadUInt32LittleEndian(fixedHeader.AsSpan(20));
        // Sizes are checked before anything is allocated from them.
        if (length <= 0 || chunks != (ulong)((length + ChunkBytes - 1) / ChunkBytes) || file.Length != HeaderBytes((int)chunks) + length)
        {
            throw new InvalidDataException("the header's sizes do not match the file");
        }

        var hashes = new byte[chunks * SHA256.HashSizeInBytes];
        await file.ReadExactlyAsync(hashes, cancellationToken);
        return (length, hashes);
    }

    private InvalidDataException Corrupt(BlobId blobId, string why)
    {
        Forget(blobId);
        TryDelete(PathOf(blobId));
        return new InvalidDataException($"The disk cache's copy of blob {blobId} is damaged ({why}); it was deleted.");
    }

    private string PathOf(BlobId blobId) => Path.Combine(_directory, blobId.ToString());

    private void LoadIndex()
    {
        var found = new List<(BlobId Id, long Length, DateTime LastUse)>();
        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(TempSuffix, StringComparison.Ordinal))
            {
                // A write that never finished (the process died).
                TryDelete(path);
                continue;
            }

            if (!BlobId.TryParse(name, out var blobId))
            {
                continue;
            }

            try
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1);
                var (length, _) = ReadHeaderAsync(file, CancellationToken.None).GetAwaiter().GetResult();
                found.Add((blobId, length, File.GetLastWriteTimeUtc(path)));
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                TryDelete(path);
            }
        }

        lock (_lock)
        {
            // The most recently written first: eviction after a restart starts with the oldest files.
            foreach (var (id, length, _) in found.OrderByDescending(f => f.LastUse))
            {
                _entries[id] = _order.AddLast((id, length));
                _size += length;
            }

            EvictLocked(0);
        }
    }

    private void Forget(BlobId blobId)
    {
        lock (_lock)
        {
            if (_entries.Remove(blobId, out var node))
            {
                _order.Remove(node);
                _size -= node.Value.Bytes;
            }
        }
    }

    private void EvictLocked(long incoming)
    {
        while (_size + incoming > _capacityBytes && _order.Last is { } oldest)
        {
            _order.RemoveLast();
            _entries.Remove(oldest.Value.Id);
            _size -= oldest.Value.Bytes;
            // An open reader keeps its bytes: the file's name goes, not its data.
            TryDelete(PathOf(oldest.Value.Id));
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A blob being written into the cache, front to back; each chunk is hashed on the way.</summary>
    public sealed class Entry : IDisposable
    {
        private readonly DiskBlobCache _cache;
        private readonly BlobId _blobId;
        private readonly long _length;
        private readonly string _temp;
        private readonly FileStream _file;
        private readonly byte[] _hashes;
        private readonly IncrementalHash _chunkHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _written;
        private bool _committed;

        internal Entry(DiskBlobCache cache, BlobId blobId, long length, int chunks, string temp, FileStream file)
        {
            _cache = cache;
            _blobId = blobId;
            _length = length;
            _temp = temp;
            _file = file;
            _hashes = new byte[chunks * SHA256.HashSizeInBytes];
        }

        /// <summary>Appends <paramref name="buffer"/>; more than the blob's length throws.</summary>
        public void Write(ReadOnlySpan<byte> buffer)
        {
            CheckRoom(buffer.Length);
            _file.Write(buffer);
            Hash(buffer);
        }

        /// <summary>Appends <paramref name="buffer"/>; more than the blob's length throws.</summary>
        public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            CheckRoom(buffer.Length);
            await _file.WriteAsync(buffer, cancellationToken);
            Hash(buffer.Span);
        }

        private void CheckRoom(int count)
        {
            if (count > _length - _written)
            {
                throw new InvalidOperationException($"More than the blob's {_length} bytes were written to its cache entry.");
            }
        }

        private void Hash(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var room = (int)(ChunkBytes - (_written % ChunkBytes));
                var take = Math.Min(room, buffer.Length);
                _chunkHash.AppendData(buffer[..take]);
                _written += take;
                buffer = buffer[take..];
                if (_written % ChunkBytes == 0 || _written == _length)
                {
                    var chunk = (int)((_written - 1) / ChunkBytes);
                    _chunkHash.GetHashAndReset(_hashes.AsSpan(chunk * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes));
                }
            }
        }

        /// <summary>Writes the header and puts the entry in place; an entry not written whole is dropped instead.</summary>
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (_written != _length)
            {
                return;
            }

            var header = new byte[FixedHeaderBytes];
            Magic.CopyTo(header, 0);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), Version);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), _length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)(_hashes.Length / SHA256.HashSizeInBytes));
            _file.Position = 0;
            await _file.WriteAsync(header, cancellationToken);
            await _file.WriteAsync(_hashes, cancellationToken);
            await _file.FlushAsync(cancellationToken);
            await _file.DisposeAsync();
            lock (_cache._lock)
            {
                if (_cache._entries.ContainsKey(_blobId))
                {
                    return;
                }

                _cache.EvictLocked(_length);
                File.Move(_temp, _cache.PathOf(_blobId), overwrite: true);
                _cache._entries[_blobId] = _cache._order.AddFirst((_blobId, _length));
                _cache._size += _length;
                _committed = true;
            }
        }

        /// <summary>Closes the file; an entry never committed is deleted.</summary>
        public void Dispose()
        {
            _file.Dispose();
            _chunkHash.Dispose();
            if (!_committed)
            {
                TryDelete(_temp);
            }
        }
    }
}
