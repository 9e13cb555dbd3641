namespace Walrus.Core.Tests.TestSupport;

/// <summary>A stream that can only be written forward (like an HTTP response body); keeps what was written.</summary>
internal sealed class WriteOnlyStream : Stream
{
    private readonly MemoryStream _written = new();

    public byte[] Written => _written.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer) => _written.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => _written.Write(buffer, offset, count);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _written.Dispose();
        }

        base.Dispose(disposing);
    }
}
