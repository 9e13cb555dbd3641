using BenchmarkDotNet.Running;
using Walrus.Benchmarks.Encoding;

namespace Walrus.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Walrus.Benchmarks -- --filter '*'</c>; <c>-- rs-cpu</c> runs the
/// quick Reed-Solomon thread-CPU-time measurement instead (<see cref="ReedSolomonCpuTime"/>).
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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
