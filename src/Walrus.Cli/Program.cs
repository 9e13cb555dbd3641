using System.CommandLine;
using Walrus.Cli.Commands;

namespace Walrus.Cli;

/// <summary>Entry point of the <c>walrus</c> command: one subcommand per file under Commands/.</summary>
public static class Program
{
    // Ctrl-C and SIGTERM cancel the action's token; the action then has this long to stop cleanly (a testbed stops its
    // node processes and anvil, which dumps its state) before the process exits anyway.
    public static int Main(string[] args) =>
        BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(90) });

    internal static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("Walrus.NET: store and read blobs on a Walrus network of storage nodes.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(BlobIdCommand.Create());
        root.Subcommands.Add(NodeCommand.Create());
        root.Subcommands.Add(StoreCommand.Create());
        root.Subcommands.Add(ReadCommand.Create());
        root.Subcommands.Add(BlobStatusCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(GenerateWalletCommand.Create());
        root.Subcommands.Add(TestbedCommand.Create());
        root.Subcommands.Add(ConvertBlobIdCommand.Create());
        root.Subcommands.Add(HealthCommand.Create());
        root.Subcommands.Add(ListBlobsCommand.Create());
        root.Subcommands.Add(ExtendCommand.Create());
        root.Subcommands.Add(DeleteCommand.Create());
        root.Subcommands.Add(BurnBlobsCommand.Create());
        root.Subcommands.Add(GetBlobAttributeCommand.Create());
        root.Subcommands.Add(SetBlobAttributeCommand.Create());
        root.Subcommands.Add(RemoveBlobAttributeCommand.Create());
        root.Subcommands.Add(RemoveBlobAttributeCommand.CreateFields());
        root.Subcommands.Add(StakeCommand.Create());
        root.Subcommands.Add(RequestWithdrawStakeCommand.Create());
        root.Subcommands.Add(WithdrawStakeCommand.Create());
        root.Subcommands.Add(ListStakedWalCommand.Create());
        root.Subcommands.Add(StoreQuiltCommand.Create());
        root.Subcommands.Add(ReadQuiltCommand.Create());
        root.Subcommands.Add(ListPatchesInQuiltCommand.Create());
        root.Subcommands.Add(PublisherCommand.Create());
        root.Subcommands.Add(AggregatorCommand.Create());
        root.Subcommands.Add(DaemonCommand.Create());
        root.Subcommands.Add(UploadRelayCommand.Create());
        return root;
    }
}
