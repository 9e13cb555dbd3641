using System.CommandLine;
using Walrus.Testbed;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus testbed add-node --dir D [--stake WAL] [--wait]</c>: a new storage node joins the testbed running in D (keys,
/// config, registration, stake, its process started by the up process and recorded in testbed.json). It receives shards at
/// the epoch change from which its stake counts; <c>--wait</c> waits for that.
/// </summary>
internal static class TestbedAddNodeCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Folder of the running network (holding testbed.json).", Required = true };
        var stake = new Option<long>("--stake") { Description = "WAL staked for the new node (0: the testbed's per-node stake).", DefaultValueFactory = _ => 0 };
        var wait = new Option<bool>("--wait") { Description = "Wait until the epoch change that gives the node its shards is done." };
        var command = new Command("add-node", "Add a storage node to the testbed running in --dir; it receives shards at the next epoch change its stake counts for.") { directory, stake, wait };
        command.SetAction(async (result, token) =>
        {
            if (result.GetValue(stake) < 0)
            {
                await Console.Error.WriteLineAsync("error: --stake must not be negative.");
                return 2;
            }

            return await TestbedControlCommand.RunAsync(result.GetValue(directory)!,
                new TestbedRequest { Command = TestbedRequest.AddNode, StakeWal = result.GetValue(stake), Wait = result.GetValue(wait) }, Console.Out, Console.Error, token);
        });
        return command;
    }
}
