namespace Walrus.Core.Encoding;

/// <summary>
/// The buffers an encode keeps for its whole duration: the zero-padded copy of the message rows past the end of the
/// blob, and (unless not needed) the rows' recovery symbols (n_p x (n - n_s) symbols, about half the blob).
/// </summary>
internal sealed unsafe class EncodingWork : IDisposable
{
    private readonly NativeBuffer _tail;
    private readonly NativeBuffer _recovery;

    public EncodingWork(EncodingConfig config, int symbolSize, byte* blob, long length, bool withRecovery = true)
    {
        SymbolSize = symbolSize;
        var rowBytes = (long)config.SecondarySourceSymbols * symbolSize;
        var fullRows = (int)Math.Min(length / rowBytes, config.PrimarySourceSymbols);
        var tailRows = config.PrimarySourceSymbols - fullRows;
        _tail = new NativeBuffer(tailRows * rowBytes, zeroed: true);
        var copied = length - (fullRows * rowBytes);
        if (copied > 0)
        {
            Buffer.MemoryCopy(blob + (fullRows * rowBytes), _tail.Pointer, _tail.Length, copied);
        }

        _recovery = new NativeBuffer(withRecovery ? (long)config.PrimarySourceSymbols * (config.ShardCount - config.SecondarySourceSymbols) * symbolSize : 0);
        Matrix = new BlobMatrix(config, symbolSize, blob, fullRows, _tail.Pointer, _recovery.Pointer);
    }

    public int SymbolSize { get; }

    public BlobMatrix Matrix { get; }

    public void Dispose()
    {
        _tail.Dispose();
        _recovery.Dispose();
    }
}
