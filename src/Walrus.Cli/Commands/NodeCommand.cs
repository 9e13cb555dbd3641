using System.CommandLine;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus node</c>: operate a storage node (generate-config, register, run, deregister).</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var command = new Command("node", "Operate a storage node: write its config and keys, register it on chain, run it.");
        command.Subcommands.Add(NodeGenerateConfigCommand.Create());
        command.Subcommands.Add(NodeRegisterCommand.Create());
        command.Subcommands.Add(NodeRunCommand.Create());
        command.Subcommands.Add(NodeDeregisterCommand.Create());
        return command;
    }
}
