using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Walrus.StorageNode;
using Walrus.StorageNode.Node;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus node run --config F</c>: runs the node until SIGINT or SIGTERM.</summary>
internal static class NodeRunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The node's config file.", Required = true };
        var level = new Option<LogLevel>("--log-level") { Description = "Lowest log level to print.", DefaultValueFactory = _ => LogLevel.Information };
        var command = new Command("run", "Run the storage node.") { config, level };
        command.SetAction(async (result, token) =>
        {
            try
            {
                return await RunAsync(result.GetValue(config)!, result.GetValue(level), token);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or System.Text.Json.JsonException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    internal static async Task<int> RunAsync(FileInfo config, LogLevel level, CancellationToken cancellationToken)
    {
        var options = NodeConfigFile.Read(config.FullName);
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        }));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The command's own token already stopped the node and this method has returned.
            }
        });
        await using var host = await StorageNodeHost.StartAsync(options, loggerFactory, TimeProvider.System, stop.Token);
        Console.Out.WriteLine($"listening on {host.Server.BaseAddress}");
        Console.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGINT or SIGTERM.
        }

        return 0;
    }
}
