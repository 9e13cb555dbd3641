using System.Runtime.InteropServices;

namespace Walrus.Core;

/// <summary>
/// A block of unmanaged memory for large scratch buffers of the encoder (no GC heap, no zeroing, sizes above 2 GiB).
/// Owned by one operation and freed by <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    private byte* _pointer;

    public NativeBuffer(long length, bool zeroed = false)
    {
        Length = Math.Max(length, 0);
        var bytes = (nuint)Math.Max(Length, 1);
        _pointer = (byte*)(zeroed ? NativeMemory.AllocZeroed(bytes) : NativeMemory.Alloc(bytes));
    }

    /// <summary>The usable length in bytes.</summary>
    public long Length { get; }

    /// <summary>The start of the block.</summary>
    public byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer == null, this);
            return _pointer;
        }
    }

    /// <summary>A span over [offset, offset + length).</summary>
    public Span<byte> AsSpan(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > Length)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(offset), "The range is outside the buffer.");
        }

        return new Span<byte>(Pointer + offset, length);
    }

    public void Dispose()
    {
        if (_pointer != null)
        {
            NativeMemory.Free(_pointer);
            _pointer = null;
        }
    }
}
