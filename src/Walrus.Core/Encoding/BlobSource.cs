using Microsoft.Win32.SafeHandles;

namespace Walrus.Core.Encoding;

/// <summary>
/// Where a streaming encode reads its blob: positioned reads of a file, of a seekable stream, or of memory (a
/// non-seekable stream is first read into chunks of memory). Reads past the end give zeros: the message matrix's padding.
/// </summary>
internal abstract unsafe class BlobSource : IDisposable
{
    private const int MaxRead = 1 << 30;

    protected BlobSource(long length) => Length = length;

    /// <summary>The blob length.</summary>
    public long Length { get; }

    /// <summary>A source over the file at <paramref name="path"/> (read with positioned reads, never mapped).</summary>
    public static BlobSource OpenFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            return new FileSource(handle, RandomAccess.GetLength(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A source over <paramref name="stream"/>: from its current position to its end. A seekable stream is read in place
    /// (it must not be used elsewhere until the encode is disposed); any other is read whole into memory.
    /// </summary>
    public static BlobSource FromStream(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            ThrowHelper.Argument(nameof(stream), "The stream cannot be read.");
        }

        if (stream.CanSeek)
        {
            if (stream is FileStream file && file.Position == 0)
            {
                return new FileSource(file.SafeFileHandle, file.Length, ownsHandle: false);
            }

            return new SeekableStreamSource(stream, stream.Position, stream.Length - stream.Position);
        }

        return ChunkedMemorySource.ReadAll(stream, cancellationToken);
    }

    /// <summary>A source over the first <paramref name="length"/> bytes of an open file, which stays the caller's.</summary>
    public static BlobSource FromFileHandle(SafeFileHandle handle, long length) => new FileSource(handle, length, ownsHandle: false);

    /// <summary>A source over <paramref name="length"/> bytes of a seekable stream from <paramref name="start"/>; the stream stays the caller's.</summary>
    public static BlobSource FromStreamRange(Stream stream, long start, long length) => new SeekableStreamSource(stream, start, length);

    /// <summary>A source over memory the caller keeps valid and unchanged.</summary>
    public static BlobSource FromMemory(byte* blob, long length) => new PointerSource(blob, length);

    /// <summary>Fills <paramref name="count"/> bytes at <paramref name="destination"/> from <paramref name="offset"/>, zeros past the end.</summary>
    public void Read(long offset, byte* destination, long count)
    {
        var available = Math.Clamp(Length - offset, 0, count);
        long done = 0;
        while (done < available)
        {
            var chunk = (int)Math.Min(available - done, MaxRead);
            var read = ReadAt(offset + done, new Span<byte>(destination + done, chunk));
            if (read <= 0)
            {
                ThrowHelper.InvalidOperation($"The blob ended at {offset + done} bytes; it had {Length} when the encode began.");
            }

            done += read;
        }

        if (count > done)
        {
            new Span<byte>(destination + done, (int)(count - done)).Clear();
        }
    }

    /// <summary>Rows <paramref name="firstRow"/>.. of the message matrix (each <paramref name="rowBytes"/> bytes), back to back.</summary>
    public void ReadRows(long rowBytes, int firstRow, int count, byte* destination) =>
        Read(firstRow * rowBytes, destination, count * rowBytes);

    /// <summary>
    /// Columns <paramref name="firstColumn"/>..+<paramref name="count"/> of the <paramref name="rows"/> x
    /// <paramref name="columns"/> message matrix of <paramref name="symbolSize"/>-byte symbols, row-major (count symbols per row).
    /// </summary>
    public void ReadColumns(int rows, int columns, int symbolSize, int firstColumn, int count, byte* destination)
    {
        var rowBytes = (long)columns * symbolSize;
        var sliceBytes = (long)count * symbolSize;
        for (var r = 0; r < rows; r++)
        {
            Read((r * rowBytes) + ((long)firstColumn * symbolSize), destination + (r * sliceBytes), sliceBytes);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads up to destination.Length bytes at <paramref name="offset"/> (below <see cref="Length"/>); returns how many.</summary>
    protected abstract int ReadAt(long offset, Span<byte> destination);

    protected virtual void Dispose(bool disposing)
    {
    }

    private sealed class FileSource(SafeFileHandle handle, long length, bool ownsHandle = true) : BlobSource(length)
    {
        protected override int ReadAt(long offset, Span<byte> destination) => RandomAccess.Read(handle, destination, offset);

        protected override void Dispose(bool disposing)
        {
            if (disposing && ownsHandle)
            {
                handle.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class SeekableStreamSource(Stream stream, long start, long length) : BlobSource(length)
    {
        protected override int ReadAt(long offset, Span<byte> destination)
        {
            lock (stream)
            {
                stream.Position = start + offset;
                return stream.Read(destination);
            }
        }
    }

    private sealed class PointerSource(byte* blob, long length) : BlobSource(length)
    {
        protected override int ReadAt(long offset, Span<byte> destination)
        {
            var count = (int)Math.Min(destination.Length, Length - offset);
            new ReadOnlySpan<byte>(blob + offset, count).CopyTo(destination);
            return count;
        }
    }

    /// <summary>A non-seekable stream read whole into 64 MiB chunks of native memory (no copy when growing).</summary>
    private sealed class ChunkedMemorySource : BlobSource
    {
        private const int ChunkBytes = 64 << 20;
        private readonly List<NativeBuffer> _chunks;

        private ChunkedMemorySource(List<NativeBuffer> chunks, long length)
            : base(length) => _chunks = chunks;

        public static ChunkedMemorySource ReadAll(Stream stream, CancellationToken cancellationToken)
        {
            var chunks = new List<NativeBuffer>();
            long length = 0;
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var inChunk = (int)(length % ChunkBytes);
                    if (inChunk == 0 && length / ChunkBytes == chunks.Count)
                    {
                        chunks.Add(new NativeBuffer(ChunkBytes));
                    }

                    var read = stream.Read(chunks[^1].AsSpan(inChunk, ChunkBytes - inChunk));
                    if (read == 0)
                    {
                        return new ChunkedMemorySource(chunks, length);
                    }

                    length += read;
                }
            }
            catch
            {
                foreach (var chunk in chunks)
                {
                    chunk.Dispose();
                }

                throw;
            }
        }

        protected override int ReadAt(long offset, Span<byte> destination)
        {
            var inChunk = (int)(offset % ChunkBytes);
            var count = (int)Math.Min(Math.Min(destination.Length, ChunkBytes - inChunk), Length - offset);
            _chunks[(int)(offset / ChunkBytes)].AsSpan(inChunk, count).CopyTo(destination);
            return count;
        }

        protected override void Dispose(bool disposing)
        {
            foreach (var chunk in _chunks)
            {
                chunk.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
