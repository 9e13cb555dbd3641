using System.CommandLine;
using Walrus.Testbed;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus testbed remove-node --dir D --node NAME</c>: the node's owner deregisters it; the command waits until its shards
/// were handed over at an epoch change, then the up process stops it and drops it from testbed.json.
/// </summary>
internal static class TestbedRemoveNodeCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Folder of the running network (holding testbed.json).", Required = true };
        var node = new Option<string>("--node") { Description = "The node's name as testbed.json lists it (node-0, node-1, ...).", Required = true };
        var command = new Command("remove-node", "Deregister a node of the testbed running in --dir, wait for its shards' hand-over at the epoch change, then stop it.") { directory, node };
        command.SetAction(async (result, token) =>
            await TestbedControlCommand.RunAsync(result.GetValue(directory)!,
                new TestbedRequest { Command = TestbedRequest.RemoveNode, Node = result.GetValue(node) }, Console.Out, Console.Error, token));
        return command;
    }
}
