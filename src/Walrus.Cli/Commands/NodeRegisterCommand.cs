using System.CommandLine;
using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Chain.Services;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Node;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus node register --config F</c>: registers the node on chain with a proof of possession of its signing key
/// (signed by that key), its name, address, commission and votes, and stakes WAL from the owner.
/// </summary>
internal static class NodeRegisterCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The node's config file.", Required = true };
        var stake = new Option<decimal>("--stake") { Description = "WAL to stake from the owner's account.", DefaultValueFactory = _ => 0 };
        var commission = new Option<ushort>("--commission-bps") { Description = "Commission in basis points.", DefaultValueFactory = _ => 1000 };
        var storagePrice = new Option<ulong>("--storage-price-vote") { Description = "Vote for the storage price (FROST per MiB per epoch).", DefaultValueFactory = _ => 1000 };
        var writePrice = new Option<ulong>("--write-price-vote") { Description = "Vote for the write price (FROST per MiB).", DefaultValueFactory = _ => 2000 };
        var capacity = new Option<ulong>("--capacity-vote") { Description = "Vote for the total capacity (bytes).", DefaultValueFactory = _ => 1UL << 40 };
        var command = new Command("register", "Register the node on chain (proof of possession) and stake for it.") { config, stake, commission, storagePrice, writePrice, capacity };
        command.SetAction(async (result, token) =>
        {
            try
            {
                return await RunAsync(
                    result.GetValue(config)!, result.GetValue(stake), result.GetValue(commission), result.GetValue(storagePrice),
                    result.GetValue(writePrice), result.GetValue(capacity), Console.Out, Console.Error, token);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or System.Text.Json.JsonException or HttpRequestException
                or Walrus.Chain.Abi.ContractRevertException or Walrus.Chain.Rpc.RpcException or Walrus.Chain.Rpc.RpcTransportException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    internal static async Task<int> RunAsync(FileInfo config, decimal stakeWal, ushort commission, ulong storagePrice, ulong writePrice, ulong capacity, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = NodeConfigFile.Read(config.FullName);
        using var signing = await KeyFile.ReadAsync(options.SigningKeyFile, cancellationToken);
        using var owner = await KeyFile.ReadAsync(options.OwnerKeyFile, cancellationToken);
        using var chain = await NodeChainClient.ConnectAsync(new Uri(options.RpcEndpoint), options.DeploymentFile, cancellationToken);
        var existing = await chain.FindNodeIdAsync(signing.Address, cancellationToken);
        if (existing != 0)
        {
            await error.WriteLineAsync($"error: node {existing} is already registered with signing address {signing.Address}.");
            return 1;
        }

        var frost = new BigInteger(decimal.Round(stakeWal * 1_000_000_000m, 0));
        var nodeId = await chain.RegisterNodeAsync(owner, signing,
            new NodeRegistration(options.Name, options.PublicAddress, commission, storagePrice, writePrice, capacity), frost, cancellationToken);
        await output.WriteLineAsync($"node id: {nodeId}");
        return 0;
    }
}
