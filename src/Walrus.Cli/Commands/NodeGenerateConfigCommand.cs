using System.CommandLine;
using Walrus.Chain.Crypto;
using Walrus.StorageNode.Node;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus node generate-config --dir D</c>: writes D/node-config.json (every option with its description and default) and
/// new signing and owner keys in 0600 key files (or uses an existing owner key file).
/// </summary>
internal static class NodeGenerateConfigCommand
{
    public const string ConfigFileName = "node-config.json";

    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Folder to write node-config.json and the key files into.", Required = true };
        var port = new Option<int>("--port") { Description = "HTTP port of the node API.", DefaultValueFactory = _ => 9185 };
        var publicAddress = new Option<string?>("--public-address") { Description = "host:port others reach the node at (default 127.0.0.1:PORT)." };
        var rpc = new Option<string>("--rpc-url") { Description = "JSON-RPC endpoint of the chain.", DefaultValueFactory = _ => new StorageNodeOptions().RpcEndpoint };
        var deployment = new Option<string>("--deployment") { Description = "Deployment file of the contracts.", DefaultValueFactory = _ => new StorageNodeOptions().DeploymentFile };
        var name = new Option<string>("--name") { Description = "Public name of the node.", DefaultValueFactory = _ => new StorageNodeOptions().Name };
        var ownerKey = new Option<FileInfo?>("--owner-key-file") { Description = "Use this existing owner key file instead of generating a new owner key." };
        var command = new Command("generate-config", "Write a node config file and new keys (0600 key files).") { directory, port, publicAddress, rpc, deployment, name, ownerKey };
        command.SetAction((result, token) => RunAsync(
            result.GetValue(directory)!, result.GetValue(port), result.GetValue(publicAddress), result.GetValue(rpc)!, result.GetValue(deployment)!,
            result.GetValue(name)!, result.GetValue(ownerKey), Console.Out, Console.Error, token));
        return command;
    }

    internal static async Task<int> RunAsync(DirectoryInfo directory, int port, string? publicAddress, string rpc, string deployment, string name, FileInfo? ownerKeyFile, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        directory.Create();
        var configPath = Path.Combine(directory.FullName, ConfigFileName);
        if (File.Exists(configPath))
        {
            await error.WriteLineAsync($"error: {configPath} exists; not overwriting it.");
            return 1;
        }

        var options = new StorageNodeOptions
        {
            DataDirectory = "data",
            Port = port,
            PublicAddress = publicAddress ?? $"127.0.0.1:{port}",
            RpcEndpoint = rpc,
            DeploymentFile = Path.GetFullPath(deployment),
            Name = name,
            SigningKeyFile = "signing-key.json",
            OwnerKeyFile = ownerKeyFile?.FullName ?? "owner-key.json",
        };
        using (var signing = PrivateKey.Generate())
        {
            await KeyFile.WriteAsync(Path.Combine(directory.FullName, options.SigningKeyFile), signing, cancellationToken);
            await output.WriteLineAsync($"signing address: {signing.Address}");
        }

        if (ownerKeyFile is null)
        {
            using var owner = PrivateKey.Generate();
            await KeyFile.WriteAsync(Path.Combine(directory.FullName, options.OwnerKeyFile), owner, cancellationToken);
            await output.WriteLineAsync($"owner address: {owner.Address} (fund it with gas and WAL before 'walrus node register')");
        }

        await File.WriteAllTextAsync(configPath, NodeConfigFile.Format(options), cancellationToken);
        await output.WriteLineAsync($"config: {configPath}");
        return 0;
    }
}
