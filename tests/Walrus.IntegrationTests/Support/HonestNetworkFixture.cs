using Walrus.Client;
using Walrus.Core;
using Walrus.Core.NodeApi;
using Walrus.Testbed;

namespace Walrus.IntegrationTests.Support;

/// <summary>
/// Four honest nodes, 50 shards (room for 20 MiB blobs), one-hour epochs and a gateway; shared by the classes of
/// <see cref="HonestNetwork"/>.
/// </summary>
public sealed class HonestNetworkFixture : NetworkFixture
{
    protected override LocalNetworkOptions Options => base.Options with { Gateway = true };

    /// <summary>client.json of the testbed, as the CLI takes it.</summary>
    public string ClientConfig => Network.ClientConfigPath;

    /// <summary>A client of the node process itself (not of its registered address).</summary>
    public static NodeClient Direct(TestbedNode node) => new(node.Http, node.Url.ToString());

    /// <summary>The pairs a node holds for a blob (from its shards in the current committee).</summary>
    public static IEnumerable<SliverPairIndex> PairsOf(TestbedNode node, BlobId blobId, int shardCount) =>
        node.Shards.Select(s => ShardMapping.PairForShard(blobId, new ShardIndex((ushort)s), shardCount));

    /// <summary>Whether the node process answers 404 for the blob's metadata (its data is gone).</summary>
    public static async Task<bool> HasDroppedAsync(TestbedNode node, BlobId blobId)
    {
        using var response = await node.Http.GetAsync(NodeApiRoutes.MetadataPath(blobId));
        return response.StatusCode == System.Net.HttpStatusCode.NotFound;
    }
}

/// <summary>The test classes that share one honest network (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class HonestNetwork : ICollectionFixture<HonestNetworkFixture>
{
    public const string Name = "honest network";
}
