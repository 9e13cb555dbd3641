using System.CommandLine;
using Walrus.Testbed;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus testbed down --dir D</c>: stops the testbed running in D from another shell (its data stays for the next up).</summary>
internal static class TestbedDownCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Folder of the network (holding testbed.json).", Required = true };
        var command = new Command("down", "Stop the testbed running in --dir; its data stays for the next `up`.") { directory };
        command.SetAction(async (result, token) =>
        {
            try
            {
                var stopped = await LocalNetwork.DownAsync(result.GetValue(directory)!.FullName, token);
                await Console.Out.WriteLineAsync(stopped.Count == 0 ? "testbed: nothing was running." : $"testbed: stopped (pids {string.Join(", ", stopped)}).");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 1;
            }
        });
        return command;
    }
}
