using System.Diagnostics;
using System.Text.Json;
using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.Client.UploadRelay;
using Walrus.Core;
using Walrus.Gateway.UploadRelay;
using Walrus.TestKit.Cluster;
using Walrus.Testbed;

namespace Walrus.Gateway.Tests;

/// <summary><c>walrus store --upload-relay</c> and <c>walrus upload-relay</c> as processes, the way a user runs them against the network.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class UploadRelayCliTests(GatewayCluster gateway) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("walrus-relay-cli-").FullName;

    [Fact]
    public async Task Store_through_a_relay_reads_back_byte_exact()
    {
        await using var relay = await gateway.StartAsync(new GatewayOptions { Publisher = false, Aggregator = false, UploadRelay = new UploadRelayOptions() });
        var blob = GatewayCluster.RandomBlob(951, 70_000);
        var input = Path.Combine(_folder, "relayed.bin");
        await File.WriteAllBytesAsync(input, blob);

        var (exit, stdout, stderr) = await WalrusCli.RunAsync(
            ["store", input, "--upload-relay", relay.BaseAddress.ToString(), "--json", "--config", gateway.Cluster.Network.ClientConfigPath], timeout: TimeSpan.FromMinutes(5));

        Assert.True(exit == 0, stdout + stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(BlobId.TryParse(json.RootElement[0].GetProperty("blobId").GetString(), out var blobId));
        using var copy = new MemoryStream();
        await gateway.Client.ReadAsync(blobId, copy);
        Assert.Equal(blob, copy.ToArray());
    }

    [Fact]
    public async Task A_tip_is_not_paid_without_a_terminal_unless_skip_tip_confirmation_is_given()
    {
        using var relayKey = PrivateKey.Generate();
        await using var relay = await gateway.StartAsync(new GatewayOptions
        {
            Publisher = false,
            Aggregator = false,
            UploadRelay = new UploadRelayOptions { Tip = new RelayTipConfig(relayKey.Address, new ConstRelayTip(5000)) },
        });
        var input = Path.Combine(_folder, "tipped.bin");
        await File.WriteAllBytesAsync(input, GatewayCluster.RandomBlob(952, 9000));

        var (exit, stdout, stderr) = await WalrusCli.RunAsync(
            ["store", input, "--upload-relay", relay.BaseAddress.ToString(), "--config", gateway.Cluster.Network.ClientConfigPath], timeout: TimeSpan.FromMinutes(5));

        Assert.NotEqual(0, exit);
        Assert.Contains("--skip-tip-confirmation", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal(0, await gateway.Cluster.Chain.Wal.BalanceOfAsync(relayKey.Address));
        var blobId = new Walrus.Core.Encoding.Rs2Encoder(WalrusClient.Config(await gateway.Client.GetCommitteeAsync())).ComputeBlobId(await File.ReadAllBytesAsync(input));
        Assert.Empty(await gateway.Client.FindBlobObjectsAsync(blobId));
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task The_upload_relay_command_takes_a_tipped_store_from_the_cli()
    {
        using var relayKey = PrivateKey.Generate();
        var port = LoopbackPorts.Reserve();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            NodeProcess.CliDll, "upload-relay", "--bind-address", $"127.0.0.1:{port}", "--config", gateway.Cluster.Network.ClientConfigPath,
            "--tip-address", relayKey.Address.ToString(), "--tip-base", "1000", "--tip-per-kib", "3", "--used-tips-file", Path.Combine(_folder, "used-tips"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var url = new Uri($"http://127.0.0.1:{port}");
            using var relayClient = new UploadRelayClient(url);
            using var http = new HttpClient { BaseAddress = url };
            await Poll.UntilAsync(async () =>
            {
                try
                {
                    return (await http.GetAsync(UploadRelayRoutes.TipConfig)).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return !process.HasExited ? false : throw new InvalidOperationException("walrus upload-relay exited: " + await errors);
                }
            }, TimeSpan.FromMinutes(2), () => "walrus upload-relay to answer");

            var blob = GatewayCluster.RandomBlob(953, 33_000);
            var input = Path.Combine(_folder, "command.bin");
            await File.WriteAllBytesAsync(input, blob);
            var (exit, stdout, stderr) = await WalrusCli.RunAsync(
                ["store", input, "--upload-relay", url.ToString(), "--skip-tip-confirmation", "--permanent", "--json", "--config", gateway.Cluster.Network.ClientConfigPath],
                timeout: TimeSpan.FromMinutes(5));

            Assert.True(exit == 0, stdout + stderr);
            var encoded = WalrusClient.Config(await gateway.Client.GetCommitteeAsync()).GetEncodedLength(blob.Length);
            Assert.Equal(new LinearRelayTip(1000, 3).TipFor(encoded), await gateway.Cluster.Chain.Wal.BalanceOfAsync(relayKey.Address));
            using var json = JsonDocument.Parse(stdout);
            Assert.True(BlobId.TryParse(json.RootElement[0].GetProperty("blobId").GetString(), out var blobId));
            using var copy = new MemoryStream();
            await gateway.Client.ReadAsync(blobId, copy);
            Assert.Equal(blob, copy.ToArray());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
