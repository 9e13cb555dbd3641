namespace Walrus.Core.Quilts;

/// <summary>A patch's data, read at any offset while the quilt is written.</summary>
internal abstract class QuiltPatchSource
{
    public abstract long Length { get; }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/> (the caller keeps within <see cref="Length"/>).</summary>
    public abstract void Read(long offset, Span<byte> destination);

    public abstract ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken);
}

/// <summary>Data in memory.</summary>
internal sealed class MemoryPatchSource(ReadOnlyMemory<byte> data) : QuiltPatchSource
{
    public override long Length => data.Length;

    public override void Read(long offset, Span<byte> destination) => data.Span.Slice((int)offset, destination.Length).CopyTo(destination);

    public override ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        Read(offset, destination.Span);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Data in a seekable stream, whose length is taken when the patch is added.</summary>
internal sealed class StreamPatchSource(Stream stream) : QuiltPatchSource
{
    private readonly long _length = stream.Length;

    public override long Length => _length;

    public override void Read(long offset, Span<byte> destination)
    {
        stream.Position = offset;
        if (stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) != destination.Length)
        {
            ThrowHelper.InvalidOperation("A patch's stream became shorter after it was added to the quilt.");
        }
    }

    public override async ValueTask ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        stream.Position = offset;
        if (await stream.ReadAtLeastAsync(destination, destination.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) != destination.Length)
        {
            ThrowHelper.InvalidOperation("A patch's stream became shorter after it was added to the quilt.");
        }
    }
}
