using System.Runtime.InteropServices;

namespace Walrus.Core;

/// <summary>
/// A block of unmanaged memory for large scratch buffers of the encoder (no GC heap, no zeroing, sizes above 2 GiB).
/// Owned by one operation and freed by <see cref="Dispose"/>. On Linux, blocks of several MiB are 2 MiB-aligned and
/// advised for transparent huge pages: first touches then fault once per 2 MiB instead of once per 4 KiB, which on
/// virtual machines is a visible share of an encode.
/// </summary>
internal sealed unsafe partial class NativeBuffer : IDisposable
{
    private const nuint HugePage = 2 << 20;
    private const int MadviseHugePage = 14;

    private byte* _pointer;

    public NativeBuffer(long length, bool zeroed = false)
    {
        Length = Math.Max(length, 0);
        var bytes = (nuint)Math.Max(Length, 1);
        if (bytes >= 2 * HugePage && OperatingSystem.IsLinux())
        {
            var rounded = (bytes + HugePage - 1) & ~(HugePage - 1);
            _pointer = (byte*)NativeMemory.AlignedAlloc(rounded, HugePage);
            _ = Madvise(_pointer, rounded, MadviseHugePage);
            if (zeroed)
            {
                NativeMemory.Clear(_pointer, bytes);
            }
        }
        else
        {
            _pointer = (byte*)(zeroed ? NativeMemory.AllocZeroed(bytes) : NativeMemory.Alloc(bytes));
        }
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
            if ((nuint)Math.Max(Length, 1) >= 2 * HugePage && OperatingSystem.IsLinux())
            {
                NativeMemory.AlignedFree(_pointer);
            }
            else
            {
                NativeMemory.Free(_pointer);
            }

            _pointer = null;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
