using System.CommandLine;

namespace Walrus.Cli.Commands;

/// <summary><c>walrus testbed</c>: a whole local network (anvil, contracts, storage node processes, a funded wallet).</summary>
internal static class TestbedCommand
{
    public static Command Create()
    {
        var command = new Command("testbed", "Run a whole Walrus network on this machine: anvil, the contracts, storage nodes as processes, a funded wallet.");
        command.Subcommands.Add(TestbedUpCommand.Create());
        command.Subcommands.Add(TestbedDownCommand.Create());
        command.Subcommands.Add(TestbedAddNodeCommand.Create());
        command.Subcommands.Add(TestbedRemoveNodeCommand.Create());
        command.Subcommands.Add(TestbedStakeCommand.Create());
        return command;
    }
}
