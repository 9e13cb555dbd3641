using System.CommandLine;
using Walrus.Testbed;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus testbed up --dir D</c>: brings a local network up in D (or resumes the one D holds), prints where everything is,
/// and keeps it running until Ctrl-C or SIGTERM (or <c>walrus testbed down --dir D</c>), then stops every process it started.
/// </summary>
internal static class TestbedUpCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Folder of the network: keys, node data, chain state, client.json, testbed.json.", Required = true };
        var nodes = new Option<int>("--nodes") { Description = "Storage nodes (the contracts' minimum first committee is 4).", DefaultValueFactory = _ => new LocalNetworkOptions().Nodes };
        var shards = new Option<int>("--shards") { Description = "Shards of the deployment.", DefaultValueFactory = _ => new LocalNetworkOptions().Shards };
        var epoch = new Option<string>("--epoch-duration") { Description = "Epoch duration: 30s, 10m, 2h (seconds without a unit).", DefaultValueFactory = _ => "10m" };
        var basePort = new Option<int>("--base-port") { Description = "Anvil listens on this port and node i on base+1+i; 0 picks free ports.", DefaultValueFactory = _ => 0 };
        var byzantine = new Option<int>("--byzantine") { Description = "Byzantine nodes (the last K): a proxy in front of each serves corrupted slivers and metadata, wrong confirmations, and drops writes.", DefaultValueFactory = _ => 0 };
        var noGateway = new Option<bool>("--no-gateway") { Description = "Do not run a gateway (walrus daemon: publisher and aggregator)." };
        var command = new Command("up", "Bring a local network up (or resume the one in --dir) and keep it running until Ctrl-C.") { directory, nodes, shards, epoch, basePort, byzantine, noGateway };
        command.SetAction(async (result, token) =>
        {
            if (!DurationText.TryParse(result.GetValue(epoch), out var epochDuration))
            {
                await Console.Error.WriteLineAsync($"error: --epoch-duration {result.GetValue(epoch)}: expected a positive number with s, m or h.");
                return 2;
            }

            var options = new LocalNetworkOptions
            {
                Directory = result.GetValue(directory)!.FullName,
                Nodes = result.GetValue(nodes),
                Shards = result.GetValue(shards),
                EpochDuration = epochDuration,
                BasePort = result.GetValue(basePort),
                Byzantine = result.GetValue(byzantine),
                Gateway = !result.GetValue(noGateway),
                CliDll = typeof(TestbedUpCommand).Assembly.Location,
            };
            try
            {
                return await RunAsync(options, Console.Out, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("testbed: interrupted while starting; stopped.");
                return 130;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or TimeoutException
                or System.Text.Json.JsonException or HttpRequestException or Walrus.Chain.Abi.ContractRevertException or Walrus.Chain.Rpc.RpcException or Walrus.Chain.Rpc.RpcTransportException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    internal static async Task<int> RunAsync(LocalNetworkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"testbed: {(File.Exists(Path.Combine(options.Directory, "testbed.json")) ? "resuming" : "starting")} the network in {options.Directory}...");
        await output.FlushAsync(cancellationToken);
        await using var network = await LocalNetwork.StartAsync(options, cancellationToken);
        var tolerated = (network.Nodes.Sum(n => n.Shards.Count) - 1) / 3;
        var lying = network.Nodes.Where(n => n.Byzantine).Sum(n => n.Shards.Count);
        if (lying > tolerated)
        {
            await output.WriteLineAsync($"warning: the Byzantine nodes hold {lying} shards, more than the {tolerated} the protocol tolerates; stores and reads may fail.");
        }

        await output.WriteLineAsync($"chain:       {network.RpcUrl.ToString().TrimEnd('/')} (anvil pid {network.AnvilPid})");
        foreach (var node in network.Nodes)
        {
            var lies = node.Byzantine ? $", BYZANTINE: proxy in front of {node.Url.ToString().TrimEnd('/')}" : "";
            await output.WriteLineAsync($"{node.Name,-12} {node.PublicUrl.ToString().TrimEnd('/')} (node id {node.NodeId}, pid {node.Pid}, {node.Shards.Count} shards{lies}, log {node.LogFile})");
        }

        if (network.GatewayUrl is { } gateway)
        {
            await output.WriteLineAsync($"gateway:     {gateway.ToString().TrimEnd('/')} (walrus daemon, pid {network.GatewayPid}, log {Path.Combine(network.Directory, "gateway.log")})");
        }

        await output.WriteLineAsync($"client:      {network.ClientConfigPath}");
        await output.WriteLineAsync($"testbed:     {network.TestbedFilePath}");
        if (network.ControlPath is { } control)
        {
            await output.WriteLineAsync($"control:     {control} (walrus testbed add-node / remove-node / stake --dir {options.Directory})");
        }

        await output.WriteLineAsync($"testbed: up{(network.Resumed ? " (resumed)" : "")}; Ctrl-C here or `walrus testbed down --dir {options.Directory}` stops it.");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM.
        }

        await output.WriteLineAsync("testbed: stopping...");
        await network.StopAsync(CancellationToken.None);
        await output.WriteLineAsync("testbed: stopped.");
        return 0;
    }
}
