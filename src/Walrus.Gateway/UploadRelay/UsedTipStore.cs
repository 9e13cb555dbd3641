using System.Text;
using Walrus.Chain;

namespace Walrus.Gateway.UploadRelay;

/// <summary>
/// The tip transactions already used (each buys one certificate), kept in a file of one 0x-hash a line so that a restart
/// does not allow a replay. A tip is claimed for the time of its upload (a second request with it answers 409), then
/// either recorded (appended and flushed to disk before the answer leaves) or released when the upload failed, so the
/// client may try again with the same tip.
/// </summary>
internal sealed class UsedTipStore : IDisposable
{
    private readonly HashSet<Hash256> _used = [];
    private readonly HashSet<Hash256> _claimed = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly FileStream? _file;

    private UsedTipStore(FileStream? file) => _file = file;

    /// <summary>Opens (or creates) the store at <paramref name="path"/>; null: memory only.</summary>
    public static UsedTipStore Open(string? path)
    {
        if (path is null)
        {
            return new UsedTipStore(null);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var store = new UsedTipStore(file);
        using (var reader = new StreamReader(file, Encoding.ASCII, false, 4096, leaveOpen: true))
        {
            while (reader.ReadLine() is { } line)
            {
                // A line cut by a crash is not a hash: skipped (its upload never got an answer).
                if (line.Length == 66 && line.StartsWith("0x", StringComparison.Ordinal))
                {
                    try
                    {
                        store._used.Add(Hash256.Parse(line));
                    }
                    catch (FormatException)
                    {
                    }
                }
            }
        }

        file.Seek(0, SeekOrigin.End);
        return store;
    }

    /// <summary>Tips recorded as used.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _used.Count;
            }
        }
    }

    /// <summary>Claims a tip for one upload; false when it was used or is being used.</summary>
    public bool TryClaim(Hash256 txId)
    {
        lock (_gate)
        {
            return !_used.Contains(txId) && _claimed.Add(txId);
        }
    }

    /// <summary>Gives back a claim whose upload did not produce a certificate (no-op once recorded).</summary>
    public void Release(Hash256 txId)
    {
        lock (_gate)
        {
            _claimed.Remove(txId);
        }
    }

    /// <summary>Records a claimed tip as used, on disk first.</summary>
    public async Task RecordAsync(Hash256 txId, CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            var line = Encoding.ASCII.GetBytes(txId + "\n");
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await _file.WriteAsync(line, cancellationToken);
                _file.Flush(flushToDisk: true);
            }
            finally
            {
                _writeLock.Release();
            }
        }

        lock (_gate)
        {
            _used.Add(txId);
            _claimed.Remove(txId);
        }
    }

    public void Dispose()
    {
        _file?.Dispose();
        _writeLock.Dispose();
    }
}
