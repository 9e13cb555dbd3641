using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.StorageNode.Tests;

/// <summary>A seeded random blob encoded for <see cref="TestNode.ShardCount"/> shards: metadata and BCS slivers.</summary>
public sealed class TestBlob : IDisposable
{
    private readonly EncodedBlob _encoded;

    public TestBlob(int seed, int size = 3000, int shardCount = TestNode.ShardCount)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        Data = data;
        Config = EncodingConfig.Create(shardCount);
        _encoded = new Rs2Encoder(Config).Encode(data);
    }

    public byte[] Data { get; }

    public EncodingConfig Config { get; }

    public BlobId BlobId => _encoded.BlobId;

    public BlobMetadataWithId Metadata => _encoded.Metadata;

    public byte[] MetadataBcs => _encoded.Metadata.Metadata.ToBcs();

    public SliverData Sliver(SliverPairIndex pair, SliverType type) =>
        type == SliverType.Primary ? _encoded.GetSliverPair(pair).Primary : _encoded.GetSliverPair(pair).Secondary;

    public byte[] SliverBcs(SliverPairIndex pair, SliverType type) => Sliver(pair, type).ToBcs();

    /// <summary>The pairs whose shards are in <paramref name="shards"/>.</summary>
    public IEnumerable<SliverPairIndex> PairsOn(IEnumerable<ShardIndex> shards) =>
        shards.Select(s => ShardMapping.PairForShard(BlobId, s, Config.ShardCount));

    public void Dispose() => _encoded.Dispose();
}
