using BenchmarkDotNet.Attributes;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Benchmarks.Encoding;

/// <summary>Every engine this CPU supports (scalar reference included) on Walrus's two codes at 1 KiB shards.</summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ReedSolomonEngineBenchmarks
{
    private ReedSolomonEncoder _encoder = null!;
    private ReedSolomonDecoder _decoder = null!;
    private byte[] _originals = null!;
    private byte[] _recovery = null!;
    private int[] _indices = null!;
    private byte[] _shards = null!;
    private byte[] _output = null!;

    [Params("334/1000", "667/1000")]
    public string Shape { get; set; } = "334/1000";

    [Params(1024)]
    public int ShardBytes { get; set; } = 1024;

    [ParamsSource(nameof(EngineNames))]
    public string EngineName { get; set; } = "Scalar";

    public static IEnumerable<string> EngineNames() => Engine.Supported.Select(e => e.Name);

    [GlobalSetup]
    public void Setup() => ReedSolomonBenchmarkData.Create(Shape, ShardBytes, Engine.Supported.First(e => e.Name == EngineName),
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
