namespace Walrus.Client;

/// <summary>
/// Counts the bytes of a blob a read has written, from the systematic slivers its decoder took: a file or a seekable
/// stream gets each such row as it arrives; a stream that cannot seek gets the rows in order, so a row is counted once
/// every row before it is in hand (as the decoder writes it). The rows decoded at the end are counted when the read ends.
/// </summary>
internal sealed class ReadProgressTracker
{
    private readonly IProgress<ReadProgress>? _progress;
    private readonly long _length;
    private readonly long _rowBytes;
    private readonly bool[] _rows;
    private readonly bool _inOrder;
    private readonly Lock _gate = new();
    private int _nextRow;
    private long _written;

    /// <param name="progress">Where to report; null: nothing is counted.</param>
    /// <param name="length">The blob's length.</param>
    /// <param name="rows">n_p: the systematic rows of the blob.</param>
    /// <param name="rowBytes">The bytes of one row (the last one is cut at the blob's end).</param>
    /// <param name="inOrder">Whether the output takes rows in order only (a stream that cannot seek).</param>
    public ReadProgressTracker(IProgress<ReadProgress>? progress, long length, int rows, long rowBytes, bool inOrder)
    {
        _progress = progress;
        _length = length;
        _rowBytes = rowBytes;
        _rows = progress is null ? [] : new bool[rows];
        _inOrder = inOrder;
        progress?.Report(new ReadProgress("metadata", 0, length));
    }

    /// <summary>The decoder took the systematic sliver of <paramref name="row"/> (written now, or once the rows before it are).</summary>
    public void RowTaken(int row)
    {
        if (_progress is null || (uint)row >= (uint)_rows.Length)
        {
            return;
        }

        lock (_gate)
        {
            if (_rows[row])
            {
                return;
            }

            _rows[row] = true;
            var before = _written;
            if (_inOrder)
            {
                while (_nextRow < _rows.Length && _rows[_nextRow])
                {
                    _written += RowLength(_nextRow++);
                }
            }
            else
            {
                _written += RowLength(row);
            }

            if (_written != before)
            {
                _progress.Report(new ReadProgress("slivers", _written, _length));
            }
        }
    }

    /// <summary>The decoder is finishing: missing rows are decoded and written, the consistency check runs.</summary>
    public void Decoding() => Report("decoding", null);

    /// <summary>Every byte is written.</summary>
    public void Done() => Report("done", _length);

    private void Report(string stage, long? written)
    {
        if (_progress is null)
        {
            return;
        }

        lock (_gate)
        {
            _written = written ?? _written;
            _progress.Report(new ReadProgress(stage, _written, _length));
        }
    }

    private long RowLength(int row) => Math.Clamp(_length - (row * _rowBytes), 0, _rowBytes);
}
