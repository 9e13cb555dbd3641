using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Walrus.Benchmarks.Encoding;

/// <summary>A short job (blobs up to 256 MiB take seconds per operation) with the MB/s column.</summary>
public sealed class Rs2BenchmarkConfig : ManualConfig
{
    public Rs2BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(7)
            .WithId("Short"));
        AddColumn(new BlobThroughputColumn());
    }
}
