using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Walrus.Chain;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.StorageNode.Api;
using Walrus.StorageNode.Chain;
using Walrus.StorageNode.Node;
using Walrus.StorageNode.Storage;
using Walrus.TestKit;

namespace Walrus.StorageNode.Tests;

/// <summary>
/// A storage node on a real Kestrel (127.0.0.1, port 0) and a real RocksDB in a temporary folder. Chain events are fed
/// through the same handlers the event loop calls; node 1 owns shards 0-4 of 10, node 2 shards 5-9.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    public const int ShardCount = 10;

    public const uint Epoch = 1;

    public static readonly Address Registry = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");

    private long _eventSeq;

    private TestNode(string directory, RocksNodeStore store, StorageNodeService service, NodeTelemetry telemetry, PrometheusExporter metrics, NodeHttpServer server)
    {
        Directory = directory;
        Store = store;
        Service = service;
        Telemetry = telemetry;
        Metrics = metrics;
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public string Directory { get; }

    public RocksNodeStore Store { get; }

    public StorageNodeService Service { get; }

    public NodeTelemetry Telemetry { get; }

    public PrometheusExporter Metrics { get; }

    public NodeHttpServer Server { get; }

    public HttpClient Http { get; }

    public static IReadOnlyList<CommitteeMemberInfo> Members { get; } =
    [
        new(1, [0, 1, 2, 3, 4], SigningKey(1).Address.ToString(), "127.0.0.1:1"),
        new(2, [5, 6, 7, 8, 9], SigningKey(2).Address.ToString(), "127.0.0.1:2"),
    ];

    public static Walrus.Chain.Crypto.PrivateKey SigningKey(uint nodeId) => TestKeys.FromLabel("storage-node-test-" + nodeId);

    public IReadOnlyList<ShardIndex> OwnedShards => Service.Committee!.OwnedShards;

    public static async Task<TestNode> StartAsync(uint nodeId = 1, string? directory = null, StorageNodeOptions? options = null, IReadOnlyList<CommitteeMemberInfo>? members = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "walrus-node-test-" + Guid.NewGuid().ToString("N"));
        options ??= new StorageNodeOptions();
        options.ListenAddress = "127.0.0.1";
        options.Port = 0;
        var store = RocksNodeStore.Open(directory);
        var telemetry = new NodeTelemetry();
        var signer = new NodeSigner(SigningKey(nodeId), AnvilFixture.ChainId, Registry);
        var service = new StorageNodeService(store, signer, options, telemetry, NullLogger.Instance, TimeProvider.System);
        service.ApplyCommittee(new CommitteeView(Epoch, ShardCount, nodeId, members ?? Members));
        var metrics = new PrometheusExporter([telemetry.Meter], []);
        var server = await NodeHttpServer.StartAsync(service, metrics, options, NullLoggerFactory.Instance, CancellationToken.None);
        return new TestNode(directory, store, service, telemetry, metrics, server);
    }

    public EventId NextEvent() => new("0x" + new string('a', 64), (ulong)Interlocked.Increment(ref _eventSeq));

    public void Register(TestBlob blob, BigInteger objectId, bool deletable = false, uint endEpoch = 5) =>
        Service.ApplyRegistered(blob.BlobId, objectId, (ulong)blob.Data.Length, Epoch, endEpoch, deletable, NextEvent());

    public async Task<HttpResponseMessage> PutAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        return await Http.PutAsync(path, content);
    }

    /// <summary>Puts the metadata and every owned sliver pair; asserts each answer is 201.</summary>
    public async Task StoreAllAsync(TestBlob blob)
    {
        using (var response = await PutAsync(NodeApiRoutes.MetadataPath(blob.BlobId), blob.MetadataBcs))
        {
            Assert.Equal(201, (int)response.StatusCode);
        }

        foreach (var pair in blob.PairsOn(OwnedShards))
        {
            foreach (var type in new[] { SliverType.Primary, SliverType.Secondary })
            {
                using var response = await PutAsync(NodeApiRoutes.SliverPath(blob.BlobId, pair, type), blob.SliverBcs(pair, type));
                Assert.Equal(201, (int)response.StatusCode);
            }
        }
    }

    /// <summary>Asserts an AIP-193 error body with the status and reason; returns the error.</summary>
    public static async Task<ApiError> AssertErrorAsync(HttpResponseMessage response, int status, string reason)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal(status, error.GetProperty("code").GetInt32());
        Assert.Equal(NodeErrorReason.StatusName(status), error.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        var detail = Assert.Single(error.GetProperty("details").EnumerateArray().ToList());
        Assert.Equal("ErrorInfo", detail.GetProperty("@type").GetString());
        Assert.Equal(reason, detail.GetProperty("reason").GetString());
        Assert.Equal(ApiErrorBody.NodeDomain, detail.GetProperty("domain").GetString());
        Assert.Equal(JsonValueKind.Object, detail.GetProperty("metadata").ValueKind);
        return JsonSerializer.Deserialize(text, NodeApiJsonContext.Default.ApiErrorBody)!.Error;
    }

    public async Task<T> SuccessDataAsync<T>(HttpResponseMessage response, int status, System.Text.Json.Serialization.Metadata.JsonTypeInfo<ApiSuccessBody<T>> type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        var body = JsonSerializer.Deserialize(text, type)!;
        Assert.Equal(status, body.Success.Code);
        return body.Success.Data;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Metrics.Dispose();
        Service.Dispose();
        Service.Signer.Dispose();
        Store.Dispose();
        Telemetry.Dispose();
    }

    /// <summary>Disposes and deletes the folder.</summary>
    public async Task DestroyAsync()
    {
        await DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
