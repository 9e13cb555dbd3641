using BenchmarkDotNet.Attributes;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Benchmarks.Encoding;

/// <summary>
/// RS2 blob encoding at 1000 shards (mainnet), both cores: the metadata path (blob id, what <c>walrus blob-id</c>
/// does) and the full encode that also produces every sliver pair.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Rs2BenchmarkConfig))]
public class Rs2EncodeBenchmarks
{
    private Rs2Encoder _encoder = null!;
    private byte[] _blob = null!;
    private byte[] _primary = null!;
    private byte[] _secondary = null!;

    [Params(1, 1 << 20, 32 << 20, 256 << 20)]
    public int Size { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _encoder = new Rs2Encoder(EncodingConfig.Create(1000));
        _blob = new byte[Size];
        new Random(42).NextBytes(_blob);
        var symbolSize = _encoder.Config.GetSymbolSize(Size);
        _primary = new byte[_encoder.Config.SecondarySourceSymbols * symbolSize];
        _secondary = new byte[_encoder.Config.PrimarySourceSymbols * symbolSize];
    }

    /// <summary>Blob id and metadata.</summary>
    [Benchmark]
    public BlobId ComputeMetadata() => _encoder.ComputeMetadata(_blob).BlobId;

    /// <summary>Metadata and all 1000 sliver pairs, each written to a reused buffer (the default band budget).</summary>
    [Benchmark]
    public BlobId EncodeWithSlivers()
    {
        using var encoded = _encoder.Encode(_blob);
        for (var p = 0; p < 1000; p++)
        {
            var pair = new SliverPairIndex((ushort)p);
            encoded.WritePrimarySliver(pair.PrimarySliverIndex, _primary);
            encoded.WriteSecondarySliver(pair.SecondarySliverIndex(1000), _secondary);
        }

        return encoded.BlobId;
    }
}
