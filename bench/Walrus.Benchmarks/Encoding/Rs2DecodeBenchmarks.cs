using BenchmarkDotNet.Attributes;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Benchmarks.Encoding;

/// <summary>
/// RS2 blob decoding at 1000 shards, both cores, from the 334 primary slivers with the highest indices (none
/// systematic: every symbol position is decoded), without and with the default consistency check.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Rs2BenchmarkConfig))]
public class Rs2DecodeBenchmarks
{
    private Rs2Decoder _decoder = null!;
    private BlobMetadataWithId _metadata = null!;
    private SliverData[] _slivers = null!;

    [Params(1, 1 << 20, 32 << 20, 256 << 20)]
    public int Size { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var config = EncodingConfig.Create(1000);
        var blob = new byte[Size];
        new Random(42).NextBytes(blob);
        using var encoded = new Rs2Encoder(config).Encode(blob);
        _metadata = encoded.Metadata;
        _slivers = [.. Enumerable.Range(1000 - 334, 334).Select(i => encoded.GetPrimarySliver(new SliverIndex((ushort)i)))];
        _decoder = new Rs2Decoder(config);
    }

    [Benchmark]
    public byte[] Decode() => _decoder.DecodeAndVerify(_metadata, _slivers, ConsistencyCheck.Skip).Blob!;

    [Benchmark]
    public byte[] DecodeWithDefaultCheck() => _decoder.DecodeAndVerify(_metadata, _slivers, ConsistencyCheck.Default).Blob!;
}
