using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Walrus.Chain;
using Walrus.Chain.Crypto;
using Walrus.Core;
using Walrus.Core.Encoding;
using Walrus.Core.NodeApi;
using Walrus.StorageNode;
using Walrus.StorageNode.Api;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Node;
using Walrus.StorageNode.Storage;

namespace Walrus.NodeLoad;

/// <summary>
/// <c>dotnet run -c Release --project bench/Walrus.NodeLoad -- [--shards 100] [--blob-mib 4] [--blobs 8] [--concurrency 8] [--gets 4000]</c>:
/// one node owning every shard on a real Kestrel (loopback) and a real RocksDB in a temp folder; uploads every sliver of
/// the blobs with durable (synced) writes and reports ingest MB/s of sliver bytes, then random sliver GETs with p50/p99.
/// Bounded in count; stops by itself.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var shards = Arg(args, "--shards", 100);
        var blobMib = Arg(args, "--blob-mib", 4);
        var blobCount = Arg(args, "--blobs", 8);
        var concurrency = Arg(args, "--concurrency", 8);
        var gets = Arg(args, "--gets", 4000);
        var directory = Path.Combine(Path.GetTempPath(), "walrus-node-load-" + Guid.NewGuid().ToString("N"));
        var config = EncodingConfig.Create(shards);
        var options = new StorageNodeOptions { ListenAddress = "127.0.0.1", Port = 0 };
        var store = RocksNodeStore.Open(directory);
        using var telemetry = new NodeTelemetry();
        using var signer = new NodeSigner(PrivateKey.Generate(), 31337, Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
        using var service = new StorageNodeService(store, signer, options, telemetry, NullLogger.Instance, TimeProvider.System);
        service.ApplyCommittee(new CommitteeView(1, shards, 1, [new CommitteeMemberInfo(1, [.. Enumerable.Range(0, shards).Select(i => (ushort)i)], signer.Address, "127.0.0.1:0")]));
        using var metrics = new PrometheusExporter([telemetry.Meter], []);
        var server = await NodeHttpServer.StartAsync(service, metrics, options, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = server.BaseAddress };
        try
        {
            Console.WriteLine($"node at {server.BaseAddress}, {shards} shards, {blobCount} blobs of {blobMib} MiB, {concurrency} concurrent requests, {Environment.ProcessorCount} cores");
            var random = new Random(42);
            var uploads = new List<(string Path, byte[] Body)>();
            foreach (var i in Enumerable.Range(0, blobCount))
            {
                var data = new byte[blobMib << 20];
                random.NextBytes(data);
                using var encoded = new Rs2Encoder(config).Encode(data);
                service.ApplyRegistered(encoded.BlobId, i + 1, (ulong)data.Length, 1, 10, false, new EventId("0x00", (ulong)i));
                using (var content = new ByteArrayContent(encoded.Metadata.Metadata.ToBcs()))
                {
                    (await http.PutAsync(NodeApiRoutes.MetadataPath(encoded.BlobId), content)).EnsureSuccessStatusCode();
                }

                foreach (var pair in encoded.SliverPairs())
                {
                    uploads.Add((NodeApiRoutes.SliverPath(encoded.BlobId, pair.Index, SliverType.Primary), pair.Primary.ToBcs()));
                    uploads.Add((NodeApiRoutes.SliverPath(encoded.BlobId, pair.Index, SliverType.Secondary), pair.Secondary.ToBcs()));
                }
            }

            var bytes = uploads.Sum(u => (long)u.Body.Length);
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (upload, token) =>
            {
                using var content = new ByteArrayContent(upload.Body);
                using var response = await http.PutAsync(upload.Path, content, token);
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"{upload.Path}: {(int)response.StatusCode}");
                }
            });
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ingest: {uploads.Count} slivers, {bytes / 1e6:F1} MB in {seconds:F2} s = {bytes / 1e6 / seconds:F1} MB/s ({uploads.Count / seconds:F0} slivers/s; each verified and stored with a synced WAL)"));

            var latencies = new double[gets];
            var picks = Enumerable.Range(0, gets).Select(_ => uploads[random.Next(uploads.Count)].Path).ToArray();
            clock.Restart();
            await Parallel.ForEachAsync(Enumerable.Range(0, gets), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, token) =>
            {
                var start = Stopwatch.GetTimestamp();
                var body = await http.GetByteArrayAsync(picks[i], token);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                _ = body;
            });
            var total = clock.Elapsed.TotalSeconds;
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"get: {gets} random slivers ({uploads[0].Body.Length / 1024.0:F0} KiB each) in {total:F2} s = {gets / total:F0}/s; latency p50 {latencies[gets / 2]:F2} ms, p99 {latencies[(int)(gets * 0.99)]:F2} ms, max {latencies[^1]:F2} ms"));
            return 0;
        }
        finally
        {
            await server.DisposeAsync();
            store.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
