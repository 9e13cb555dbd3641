using Spectre.Console;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>
/// Store progress as Spectre.Console bars on the terminal (stderr, so that stdout keeps only the results): per file the
/// encoding, the registration, the upload in bytes with one bar per node, and the certification.
/// </summary>
internal sealed class LiveStoreProgress : IProgress<StoreProgress>
{
    private readonly ProgressContext _context;
    private readonly string _defaultName;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProgressTask> _stageOf = new(StringComparer.Ordinal);

    private LiveStoreProgress(ProgressContext context, string defaultName)
    {
        _context = context;
        _defaultName = defaultName;
    }

    /// <summary>Runs <paramref name="work"/> with bars shown until it ends.</summary>
    public static Task<T> RunAsync<T>(string defaultName, Func<IProgress<StoreProgress>, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(ByteColumns())
            .StartAsync(async context =>
            {
                var view = new LiveStoreProgress(context, defaultName);
                var done = false;
                try
                {
                    var result = await work(view);
                    done = true;
                    return result;
                }
                finally
                {
                    view.StopAll(done);
                }
            });
    }

    /// <summary>The columns of a bar counted in bytes (also the read command's).</summary>
    internal static ProgressColumn[] ByteColumns() =>
        [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new SpinnerColumn()];

    public void Report(StoreProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = Markup.Escape(value.Path is { } path ? Path.GetFileName(path) : _defaultName);
        lock (_gate)
        {
            switch (value.Stage)
            {
                case "uploading" or "confirming":
                    Stage(name, "upload", "upload", value.BytesTotal).Value = value.BytesUploaded;
                    if (value.NodeId is { } node && value.NodeBytesTotal > 0)
                    {
                        var bar = Task($"{name}/node/{node}", $"  node {node}", value.NodeBytesTotal);
                        bar.Value = value.NodeBytesUploaded;
                        if (value.NodeBytesUploaded >= value.NodeBytesTotal)
                        {
                            bar.StopTask();
                        }
                    }

                    break;
                default:
                    Stage(name, value.Stage, value.Stage, 1);
                    break;
            }
        }
    }

    /// <summary>The bar of a file's current stage; starting a new stage completes the previous one.</summary>
    private ProgressTask Stage(string name, string key, string label, long max)
    {
        var task = Task($"{name}/{key}", $"{name}: {label}", Math.Max(1, max));
        if (_stageOf.TryGetValue(name, out var previous) && previous != task)
        {
            previous.Value = previous.MaxValue;
            previous.StopTask();
        }

        _stageOf[name] = task;
        return task;
    }

    private ProgressTask Task(string key, string description, long max)
    {
        if (!_tasks.TryGetValue(key, out var task))
        {
            task = _context.AddTask(description, maxValue: max);
            _tasks[key] = task;
        }

        task.MaxValue = Math.Max(1, max);
        return task;
    }

    /// <summary>Stops every bar; after a finished store the bars show complete, after a failure where they stopped.</summary>
    private void StopAll(bool done)
    {
        lock (_gate)
        {
            foreach (var task in _tasks.Values)
            {
                if (done)
                {
                    task.Value = task.MaxValue;
                }

                task.StopTask();
            }
        }
    }
}
