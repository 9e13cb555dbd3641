using BenchmarkDotNet.Attributes;
using Walrus.Core.Merkle;

namespace Walrus.Benchmarks.Encoding;

/// <summary>
/// Blake2b-256 of 4096 equal-length inputs with a one-byte prefix (Merkle leaves and inner nodes), one thread: the
/// multi-lane kernels against libsodium one input at a time. Lengths: 2 (a 1-byte blob's symbols), 64 (inner nodes),
/// 152 (32 MiB blob at 1000 shards), 1206 (256 MiB).
/// </summary>
[MemoryDiagnoser]
public class Blake2bBenchmarks
{
    private const int Count = 4096;
    private byte[] _data = null!;
    private byte[] _digests = null!;

    [Params(2, 64, 152, 1206)]
    public int Length { get; set; } = 64;

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Count * Length];
        new Random(7).NextBytes(_data);
        _digests = new byte[Count * 32];
    }

    [Benchmark(Baseline = true)]
    public void Libsodium()
    {
        for (var i = 0; i < Count; i++)
        {
            Blake2b256.Hash(0, _data.AsSpan(i * Length, Length), _digests.AsSpan(i * 32, 32));
        }
    }

    [Benchmark]
    public void MultiLaneBest() => Blake2bMultiLane.HashStrided(Blake2bMultiLane.Best, 0, _data, Length, Length, Count, _digests);

    [Benchmark]
    public void MultiLaneAvx2() => Blake2bMultiLane.HashStrided(Blake2bMultiLane.Kernel.Avx2, 0, _data, Length, Length, Count, _digests);

    [Benchmark]
    public void MultiLaneScalar() => Blake2bMultiLane.HashStrided(Blake2bMultiLane.Kernel.Scalar, 0, _data, Length, Length, Count, _digests);
}
