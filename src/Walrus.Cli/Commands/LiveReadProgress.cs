using Spectre.Console;
using Walrus.Client;

namespace Walrus.Cli.Commands;

/// <summary>A read's progress as one Spectre.Console bar in bytes on the terminal (stderr, so that stdout keeps the blob), its stage in the description.</summary>
internal sealed class LiveReadProgress : IProgress<ReadProgress>
{
    private readonly ProgressTask _bar;
    private readonly string _what;

    private LiveReadProgress(ProgressTask bar, string what)
    {
        _bar = bar;
        _what = what;
    }

    /// <summary>Runs <paramref name="read"/> with the bar shown until it ends: complete after a read that succeeded, where it stopped after a failure.</summary>
    public static Task<T> RunAsync<T>(string what, Func<IProgress<ReadProgress>, Task<T>> read)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(LiveStoreProgress.ByteColumns())
            .StartAsync(async context =>
            {
                var escaped = Markup.Escape(what);
                var view = new LiveReadProgress(context.AddTask(escaped, maxValue: 1), escaped);
                try
                {
                    var result = await read(view);
                    view._bar.Value = view._bar.MaxValue;
                    return result;
                }
                finally
                {
                    view._bar.StopTask();
                }
            });
    }

    public void Report(ReadProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _bar.MaxValue = Math.Max(1, value.BytesTotal);
        _bar.Value = value.BytesWritten;
        _bar.Description = $"{_what}: {value.Stage}";
    }
}
