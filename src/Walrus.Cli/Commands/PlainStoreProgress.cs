using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// Store progress as plain lines (stdout or stderr is not a terminal): one line per stage of each file (shown once), and the
/// upload every 10 %, so that a log shows where a store is without a line per sliver. Reports are written as they come (not
/// posted to the thread pool as <see cref="Progress{T}"/> does) so no line trails the result.
/// </summary>
internal sealed class PlainStoreProgress(TextWriter output, string defaultName) : IProgress<StoreProgress>
{
    private readonly Lock _gate = new();
    private readonly HashSet<(string Name, string Stage, long Tenths)> _shown = [];

    public void Report(StoreProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value.Path is { } path ? Path.GetFileName(path) : defaultName;
        var tenths = value.Stage == "uploading" && value.BytesTotal > 0 ? 10 * value.BytesUploaded / value.BytesTotal : -1;
        lock (_gate)
        {
            // Nodes confirm while others still upload: each stage (and each tenth of the upload) is shown once.
            if (!_shown.Add((name, value.Stage, tenths)))
            {
                return;
            }

            output.WriteLine(tenths >= 0 ? $"{name}: {value.Stage} {10 * tenths}% of {value.BytesTotal} B" : $"{name}: {value.Stage}");
        }
    }
}
