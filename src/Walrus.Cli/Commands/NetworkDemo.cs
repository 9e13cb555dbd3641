using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Walrus.Chain.Crypto;
using Walrus.Client;
using Walrus.Core.Encoding;
using Walrus.Testbed;

namespace Walrus.Cli.Commands;

/// <summary>
/// The networked <c>walrus demo</c>: a <see cref="LocalNetwork"/> (anvil, the contracts, storage nodes as their own
/// processes, a funded wallet), then a store of a demo blob through <see cref="WalrusClient"/> (encode, register and pay,
/// upload every sliver pair to its node, collect confirmations, certify) and a read of it (metadata and slivers from
/// the nodes, each verified, decoded, checked against the original bytes).
/// </summary>
internal static class NetworkDemo
{
    /// <summary>What the demo does: blob size and seed, the network's shape, where it lives, whether to wait for Ctrl-C.</summary>
    internal sealed record Settings(int Size, int Shards, int Seed, int Nodes, string? Directory, bool Exit);

    public static async Task<int> RunAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.Size < 0)
        {
            await error.WriteLineAsync("error: --size must not be negative.");
            return 2;
        }

        if (!EncodingConfig.TryCreate(settings.Shards, out var config, out var configError))
        {
            await error.WriteLineAsync($"error: invalid --n-shards: {configError}");
            return 2;
        }

        if (!config.CanEncode(settings.Size))
        {
            await error.WriteLineAsync($"error: --size {settings.Size:N0} exceeds the maximum blob size for {settings.Shards} shards ({config.MaxBlobSize:N0} bytes).");
            return 2;
        }

        var temporary = settings.Directory is null;
        var directory = settings.Directory ?? Path.Combine(Path.GetTempPath(), "walrus-demo-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            return await RunNetworkAsync(settings, directory, temporary, output, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("demo: interrupted; the network was stopped.");
            return 130;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or TimeoutException
            or System.Text.Json.JsonException or HttpRequestException or WalrusClientException or BlobInvalidException or NodeApiException
            or Walrus.Chain.Abi.ContractRevertException or Walrus.Chain.Rpc.RpcException or Walrus.Chain.Rpc.RpcTransportException)
        {
            await error.WriteLineAsync("error: " + e.Message.ReplaceLineEndings(" "));
            await error.WriteLineAsync($"error: the network's logs are in {directory} (node-*/node.log, anvil.log)" + (temporary ? "; rerun with --dir to keep them." : "."));
            return 1;
        }
        finally
        {
            if (temporary)
            {
                TryDelete(directory);
            }
        }
    }

    private static async Task<int> RunNetworkAsync(Settings settings, string directory, bool temporary, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"demo: starting a local network in {directory}: anvil, the contracts, {settings.Nodes} storage nodes, {settings.Shards} shards...");
        await output.FlushAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await using var network = await LocalNetwork.StartAsync(new LocalNetworkOptions
        {
            Directory = directory,
            Nodes = settings.Nodes,
            Shards = settings.Shards,
            CliDll = typeof(NetworkDemo).Assembly.Location,
            Gateway = !settings.Exit,
        }, cancellationToken);
        await output.WriteLineAsync($"network:  up in {clock.Elapsed.TotalSeconds:F1} s; chain {Trim(network.RpcUrl)}, epoch {(await network.Chain.GetEpochAsync(cancellationToken)).Epoch}");
        foreach (var node in network.Nodes)
        {
            await output.WriteLineAsync($"          {node.Name} {Trim(node.Url)} (node id {node.NodeId}, {node.Shards.Count} shards)");
        }

        if (network.GatewayUrl is { } gatewayUrl)
        {
            await output.WriteLineAsync($"gateway:  {Trim(gatewayUrl)} (walrus daemon: publisher and aggregator, paying with the testbed's wallet)");
        }

        using var wallet = await KeyFile.ReadAsync(network.WalletPath, cancellationToken);
        using var client = new WalrusClient(network.Chain, wallet);
        var blob = new byte[settings.Size];
        new Random(settings.Seed).NextBytes(blob);
        var blobFile = Path.Combine(directory, "demo-blob.bin");
        await File.WriteAllBytesAsync(blobFile, blob, cancellationToken);

        clock.Restart();
        var stored = await client.StoreAsync(blob, new StoreOptions { Epochs = 2 }, null, cancellationToken);
        var storeTime = clock.Elapsed;
        await output.WriteLineAsync($"stored:   {settings.Size:N0} bytes as blob {stored.BlobId} ({stored.Outcome}) in {storeTime.TotalMilliseconds:F0} ms; " +
            $"{stored.EncodedSize:N0} bytes encoded, cost {Wal(stored.Cost)} WAL, paid up to epoch {stored.EndEpoch}, {stored.NodeRequests} node requests");

        clock.Restart();
        using var readBack = new MemoryStream(settings.Size);
        var read = await client.ReadAsync(stored.BlobId, readBack, null, cancellationToken);
        var readTime = clock.Elapsed;
        if (!readBack.GetBuffer().AsSpan(0, (int)readBack.Length).SequenceEqual(blob))
        {
            throw new InvalidOperationException($"blob {stored.BlobId} read back differs from what was stored");
        }

        await output.WriteLineAsync($"read:     {read.Length:N0} bytes back in {readTime.TotalMilliseconds:F0} ms from {read.NodeRequests} node requests, every sliver verified; " +
            "the bytes equal the stored ones");
        if (settings.Exit)
        {
            await output.WriteLineAsync("demo: ok; stopping the network (--exit).");
            return 0;
        }

        var config = network.ClientConfigPath;
        await output.WriteLineAsync();
        await output.WriteLineAsync("Try, while this runs (Ctrl-C stops the network" + (temporary ? " and removes its folder)" : ")") + ":");
        await output.WriteLineAsync($"  ./walrus read {stored.BlobId} --config {config} --out /tmp/demo.out && cmp /tmp/demo.out {blobFile}");
        await output.WriteLineAsync($"  ./walrus blob-status {stored.BlobId} --config {config}");
        await output.WriteLineAsync($"  ./walrus store README.md --epochs 2 --config {config}");
        await output.WriteLineAsync($"  ./walrus info --config {config}");
        if (network.GatewayUrl is { } gateway)
        {
            await output.WriteLineAsync($"  curl -s {Trim(gateway)}/v1/blobs/{stored.BlobId} -o /tmp/demo-gateway.out && cmp /tmp/demo-gateway.out {blobFile}");
            await output.WriteLineAsync($"  curl -s -X PUT --data-binary @README.md '{Trim(gateway)}/v1/blobs?epochs=2'");
        }

        await output.WriteLineAsync($"  curl -s {Trim(network.Nodes[0].Url)}/v1/health");
        await output.WriteLineAsync($"  curl -s {Trim(network.Nodes[0].Url)}/v1/blobs/{stored.BlobId}/status");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: stop the network below.
        }

        await output.WriteLineAsync("demo: stopping the network...");
        await network.StopAsync(CancellationToken.None);
        await output.WriteLineAsync("demo: stopped.");
        return 0;
    }

    private static string Trim(Uri url) => url.ToString().TrimEnd('/');

    private static string Wal(BigInteger frost) =>
        ((decimal)frost / 1_000_000_000m).ToString("0.#########", CultureInfo.InvariantCulture);

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A process that has not quite exited may still hold a file; the folder is in the temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
