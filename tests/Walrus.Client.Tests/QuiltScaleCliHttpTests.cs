using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Walrus.Core;
using Walrus.Core.Quilts;
using Walrus.Gateway;
using Walrus.Gateway.Quilts;
using Walrus.TestKit.Cluster;
using Xunit.Abstractions;

namespace Walrus.Client.Tests;

/// <summary>
/// The issue's "must show" through the user's tools: 600 files of 10 KiB stored as a quilt on 1000 shards by
/// <c>walrus store-quilt</c> (a process) and by <c>PUT /v1/quilts</c> (a real gateway), then, with a node of at most f
/// shards stopped, every patch of both quilts read back by patch id and by identifier through <c>walrus read-quilt</c>
/// and over HTTP (patches-content for all of them, single patch routes for a sample); prints the latencies.
/// </summary>
[Trait("Category", "Slow")]
public sealed class QuiltScaleCliHttpTests(ThousandShardCluster thousand, ITestOutputHelper output) : IClassFixture<ThousandShardCluster>, IDisposable
{
    private const int PatchCount = 600;
    private const int PatchSize = 10 * 1024;
    private const int SampleEvery = 10;
    private const int CliSampleEvery = 60;
    private static readonly TimeSpan CliLimit = TimeSpan.FromMinutes(15);

    private readonly string _dir = Directory.CreateTempSubdirectory("walrus-quilt-scale-").FullName;

    private TestCluster Cluster => thousand.Cluster;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Six_hundred_files_stored_by_cli_and_http_read_back_by_cli_and_http_with_f_shards_down()
    {
        var total = Stopwatch.StartNew();
        var config = await CliConfig.WriteAsync(Cluster, _dir);
        var cliFiles = WriteFiles("cli", 6001);
        using var client = new WalrusClient(Cluster.Chain, TestCluster.User());
        await using var gateway = await GatewayServer.StartAsync(client, TestCluster.User(), new GatewayOptions { Publisher = true, Aggregator = true, BindAddress = "127.0.0.1:0" }, NullLoggerFactory.Instance);
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };

        // Store through the CLI.
        var watch = Stopwatch.StartNew();
        var stored = await CliJsonAsync("store-quilt", "--paths", cliFiles.Dir, "--epochs", "1", "--config", config, "--json");
        var cliQuilt = BlobId.Parse(stored.GetProperty("blobStoreResult").GetProperty("blobId").GetString()!);
        var cliPatches = stored.GetProperty("storedQuiltBlobs").EnumerateArray()
            .ToDictionary(p => p.GetProperty("identifier").GetString()!, p => QuiltPatchId.Parse(p.GetProperty("quiltPatchId").GetString()!), StringComparer.Ordinal);
        output.WriteLine($"walrus store-quilt: {PatchCount} files in {watch.Elapsed.TotalSeconds:F1} s, quilt {cliQuilt}");
        Assert.Equal(cliFiles.Data.Keys.Order(StringComparer.Ordinal), cliPatches.Keys.Order(StringComparer.Ordinal));

        // Store through HTTP (other bytes: another quilt).
        var httpData = Files(6002);
        watch.Restart();
        Dictionary<string, QuiltPatchId> httpPatches;
        using (var form = new MultipartFormDataContent())
        {
            foreach (var (identifier, data) in httpData)
            {
                form.Add(new ByteArrayContent(data), identifier, identifier);
            }

            using var put = await http.PutAsync(QuiltRoutes.Quilts + "?epochs=1", form);
            var text = await put.Content.ReadAsStringAsync();
            Assert.True(put.StatusCode == HttpStatusCode.OK, text);
            using var json = JsonDocument.Parse(text);
            httpPatches = json.RootElement.GetProperty("storedQuiltBlobs").EnumerateArray()
                .ToDictionary(p => p.GetProperty("identifier").GetString()!, p => QuiltPatchId.Parse(p.GetProperty("quiltPatchId").GetString()!), StringComparer.Ordinal);
        }

        var httpQuilt = httpPatches.Values.First().QuiltId;
        output.WriteLine($"PUT /v1/quilts: {PatchCount} files in {watch.Elapsed.TotalSeconds:F1} s, quilt {httpQuilt}");
        Assert.Equal(PatchCount, httpPatches.Count);
        Assert.NotEqual(cliQuilt, httpQuilt);

        var committee = await client.GetCommitteeAsync();
        var victim = committee.Members.Where(m => m.Weight > 0).OrderBy(m => m.Weight).First();
        Assert.True(3 * victim.Weight <= committee.ShardCount, "the stopped node must hold at most f shards");
        var node = Cluster.Node(victim.NodeId);
        node.Kill();
        try
        {
            output.WriteLine($"stopped node {victim.NodeId} ({victim.Weight} of {committee.ShardCount} shards)");
            foreach (var (name, quilt, patches, data) in new[] { ("cli", cliQuilt, cliPatches, cliFiles.Data), ("http", httpQuilt, httpPatches, httpData) })
            {
                await ReadThroughCliAsync(name, config, quilt, patches, data);
                await ReadThroughHttpAsync(name, http, quilt, patches, data);
            }
        }
        finally
        {
            await node.StartAsync();
        }

        output.WriteLine($"whole test: {total.Elapsed.TotalMinutes:F1} min");
    }

    private async Task ReadThroughCliAsync(string name, string config, BlobId quilt, Dictionary<string, QuiltPatchId> patches, Dictionary<string, byte[]> data)
    {
        // Every patch: one process by patch id, one by identifier.
        var byIdDir = Path.Combine(_dir, name + "-cli-by-id");
        var watch = Stopwatch.StartNew();
        var read = await CliJsonAsync(["read-quilt", "--quilt-patch-ids", .. patches.Values.Select(p => p.ToString()), "--out", byIdDir, "--config", config, "--json"]);
        output.WriteLine($"[{name} quilt] walrus read-quilt --quilt-patch-ids (all {PatchCount}): {watch.Elapsed.TotalSeconds:F1} s, {read.GetProperty("nodeRequests").GetInt64()} node requests, {read.GetProperty("columnsRecovered").GetInt32()} columns rebuilt, full read {read.GetProperty("fullRead").GetBoolean()}");
        AssertFiles(byIdDir, data);

        var byNameDir = Path.Combine(_dir, name + "-cli-by-identifier");
        watch.Restart();
        await CliJsonAsync(["read-quilt", "--quilt-id", quilt.ToString(), "--identifiers", .. data.Keys, "--out", byNameDir, "--config", config, "--json"]);
        output.WriteLine($"[{name} quilt] walrus read-quilt --identifiers (all {PatchCount}): {watch.Elapsed.TotalSeconds:F1} s");
        AssertFiles(byNameDir, data);

        // A sample, one process per patch: what a user waits for one patch (process start included).
        var byId = new List<double>();
        var byIdentifier = new List<double>();
        foreach (var identifier in data.Keys.Order(StringComparer.Ordinal).Where((_, i) => i % CliSampleEvery == 0))
        {
            var one = Path.Combine(_dir, name + "-cli-one");
            watch.Restart();
            await CliJsonAsync("read-quilt", "--quilt-patch-ids", patches[identifier].ToString(), "--out", one, "--config", config, "--json");
            byId.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(data[identifier], await File.ReadAllBytesAsync(Path.Combine(one, identifier)));
            watch.Restart();
            await CliJsonAsync("read-quilt", "--quilt-id", quilt.ToString(), "--identifiers", identifier, "--out", one + "2", "--config", config, "--json");
            byIdentifier.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(data[identifier], await File.ReadAllBytesAsync(Path.Combine(one + "2", identifier)));
        }

        output.WriteLine($"[{name} quilt] walrus read-quilt, one patch per process ({byId.Count} patches): by id p50 {Percentile(byId, 0.5):F0} ms, p99 {Percentile(byId, 0.99):F0} ms; by identifier p50 {Percentile(byIdentifier, 0.5):F0} ms, p99 {Percentile(byIdentifier, 0.99):F0} ms");
    }

    private async Task ReadThroughHttpAsync(string name, HttpClient http, BlobId quilt, Dictionary<string, QuiltPatchId> patches, Dictionary<string, byte[]> data)
    {
        // Every patch through patches-content, 100 a request, by identifier and by patch id.
        var identifiers = data.Keys.Order(StringComparer.Ordinal).ToList();
        var watch = Stopwatch.StartNew();
        var seen = 0;
        foreach (var chunk in identifiers.Chunk(QuiltRoutes.MaxPatchesPerRequest))
        {
            using var response = await http.GetAsync(QuiltRoutes.PatchesContentPath(quilt, chunk), HttpCompletionOption.ResponseHeadersRead);
            seen += await AssertPartsAsync(response, chunk, data);
        }

        output.WriteLine($"[{name} quilt] patches-content by identifier (all {PatchCount}, {QuiltRoutes.MaxPatchesPerRequest} a request): {watch.Elapsed.TotalSeconds:F1} s");
        watch.Restart();
        foreach (var chunk in identifiers.Chunk(QuiltRoutes.MaxPatchesPerRequest))
        {
            using var response = await http.GetAsync(QuiltRoutes.PatchesContentPath(quilt, chunk.Select(i => patches[i])), HttpCompletionOption.ResponseHeadersRead);
            seen += await AssertPartsAsync(response, chunk, data);
        }

        output.WriteLine($"[{name} quilt] patches-content by patch id (all {PatchCount}): {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(2 * PatchCount, seen);

        // A sample through the single patch routes.
        var byId = new List<double>();
        var byIdentifier = new List<double>();
        foreach (var identifier in identifiers.Where((_, i) => i % SampleEvery == 0))
        {
            watch.Restart();
            var viaId = await http.GetByteArrayAsync(QuiltRoutes.ByPatchIdPath(patches[identifier]));
            byId.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(data[identifier], viaId);
            watch.Restart();
            var viaName = await http.GetByteArrayAsync(QuiltRoutes.ByQuiltIdPath(quilt, identifier));
            byIdentifier.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(data[identifier], viaName);
        }

        output.WriteLine($"[{name} quilt] GET one patch ({byId.Count} patches): by id p50 {Percentile(byId, 0.5):F0} ms, p99 {Percentile(byId, 0.99):F0} ms; by identifier p50 {Percentile(byIdentifier, 0.5):F0} ms, p99 {Percentile(byIdentifier, 0.99):F0} ms");
    }

    private static async Task<int> AssertPartsAsync(HttpResponseMessage response, string[] asked, Dictionary<string, byte[]> data)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync());
        var count = 0;
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var identifier = section.Headers![QuiltRoutes.PatchIdentifierHeader].ToString();
            Assert.Equal(asked[count], identifier);
            using var bytes = new MemoryStream();
            await section.Body.CopyToAsync(bytes);
            Assert.Equal(data[identifier], bytes.ToArray());
            count++;
        }

        Assert.Equal(asked.Length, count);
        return count;
    }

    private (string Dir, Dictionary<string, byte[]> Data) WriteFiles(string name, int seed)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, name + "-files")).FullName;
        var data = Files(seed);
        foreach (var (identifier, bytes) in data)
        {
            File.WriteAllBytes(Path.Combine(dir, identifier), bytes);
        }

        return (dir, data);
    }

    private static Dictionary<string, byte[]> Files(int seed)
    {
        var random = new Random(seed);
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < PatchCount; i++)
        {
            var bytes = new byte[PatchSize];
            random.NextBytes(bytes);
            data[string.Create(CultureInfo.InvariantCulture, $"file-{i:D3}.bin")] = bytes;
        }

        return data;
    }

    private static void AssertFiles(string dir, Dictionary<string, byte[]> data)
    {
        Assert.Equal(data.Count, Directory.GetFiles(dir).Length);
        foreach (var (identifier, bytes) in data)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(dir, identifier)));
        }
    }

    private static async Task<JsonElement> CliJsonAsync(params string[] arguments)
    {
        var (exit, stdout, stderr) = await WalrusCli.RunAsync(arguments, timeout: CliLimit);
        Assert.True(exit == 0, $"walrus {string.Join(' ', arguments.Take(6))}... exited {exit}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
