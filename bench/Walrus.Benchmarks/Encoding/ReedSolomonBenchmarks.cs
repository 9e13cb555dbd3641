using BenchmarkDotNet.Attributes;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Benchmarks.Encoding;

/// <summary>
/// The 1-D Reed-Solomon code (reed-solomon-simd 3.1) on the best engine of this CPU: encode and decode for Walrus's
/// shapes, single thread. "Shape" is k/n (k originals, n − k recovery shards). Decode gets k random shards of the n.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ReedSolomonBenchmarks
{
    private ReedSolomonEncoder _encoder = null!;
    private ReedSolomonDecoder _decoder = null!;
    private byte[] _originals = null!;
    private byte[] _recovery = null!;
    private int[] _indices = null!;
    private byte[] _shards = null!;
    private byte[] _output = null!;

    [Params("334/1000", "667/1000", "34/100", "67/100")]
    public string Shape { get; set; } = "334/1000";

    [Params(64, 1024, 65536)]
    public int ShardBytes { get; set; } = 1024;

    [GlobalSetup]
    public void Setup() => ReedSolomonBenchmarkData.Create(Shape, ShardBytes, Engine.Best,
        out _encoder, out _decoder, out _originals, out _recovery, out _indices, out _shards, out _output);

    [Benchmark]
    public void Encode() => _encoder.Encode(_originals, _recovery, ShardBytes);

    [Benchmark]
    public bool Decode() => _decoder.TryDecode(_indices, _shards, ShardBytes, _output, ShardBytes, ShardBytes);

    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn(), new ThroughputColumn(fromMinimum: true));
    }
}
