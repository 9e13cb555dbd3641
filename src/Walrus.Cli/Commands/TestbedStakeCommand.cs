using System.CommandLine;
using Walrus.Testbed;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus testbed stake --dir D --node NAME --wal N [--wait]</c>: stakes N more WAL with a node of the running testbed, so
/// that shards move to it at the epoch change from which the stake counts.
/// </summary>
internal static class TestbedStakeCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Folder of the running network (holding testbed.json).", Required = true };
        var node = new Option<string>("--node") { Description = "The node's name as testbed.json lists it (node-0, node-1, ...).", Required = true };
        var wal = new Option<long>("--wal") { Description = "WAL to stake with the node (from the testbed's deployer).", Required = true };
        var wait = new Option<bool>("--wait") { Description = "Wait until the epoch change that applies the stake is done." };
        var command = new Command("stake", "Stake more WAL with a node of the testbed running in --dir, so that shards move at the next epoch change.") { directory, node, wal, wait };
        command.SetAction(async (result, token) =>
        {
            if (result.GetValue(wal) < 1)
            {
                await Console.Error.WriteLineAsync("error: --wal must be at least 1.");
                return 2;
            }

            return await TestbedControlCommand.RunAsync(result.GetValue(directory)!,
                new TestbedRequest { Command = TestbedRequest.Stake, Node = result.GetValue(node), StakeWal = result.GetValue(wal), Wait = result.GetValue(wait) },
                Console.Out, Console.Error, token);
        });
        return command;
    }
}
