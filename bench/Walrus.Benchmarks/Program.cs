using BenchmarkDotNet.Running;
using Walrus.Benchmarks.Encoding;
using Walrus.Benchmarks.Quilts;

namespace Walrus.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Walrus.Benchmarks -- --filter '*'</c>; <c>-- rs-cpu</c> runs the
/// quick Reed-Solomon thread-CPU-time measurement instead (<see cref="ReedSolomonCpuTime"/>), <c>-- rs2-cpu</c> the quick
/// RS2 blob encode/decode measurement (<see cref="Rs2CpuTime"/>), <c>-- rs2-rss</c> the peak resident memory of a streaming
/// encode and decode of a 1 GiB file (<see cref="Rs2PeakRss"/>), <c>-- quilt-cpu</c> the quick quilt measurement
/// (<see cref="QuiltCpuTime"/>).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "rs-cpu")
        {
            ReedSolomonCpuTime.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "rs2-cpu")
        {
            Rs2CpuTime.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "rs2-rss")
        {
            Rs2PeakRss.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "quilt-cpu")
        {
            QuiltCpuTime.Run(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
