using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Benchmarks.Encoding;

/// <summary>
/// A quick single-thread measurement for shared, noisy machines: per-call thread CPU time (Linux CLOCK_THREAD_CPUTIME_ID,
/// so time the thread is preempted does not count), 5th percentile of many calls. Run with
/// <c>dotnet run -c Release --project bench/Walrus.Benchmarks -- rs-cpu [shardBytes,...] [engine,...]</c>.
/// </summary>
internal static partial class ReedSolomonCpuTime
{
    private const int ThreadCpuClock = 3;

    public static void Run(string[] args)
    {
        var sizes = args.Length > 0 ? args[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [64, 1024, 65536];
        var engines = args.Length > 1 ? Engine.Supported.Where(e => args[1].Split(',').Contains(e.Name)).ToArray() : [Engine.Best];
        Console.WriteLine(OperatingSystem.IsLinux() ? "thread CPU time, 5th percentile" : "wall time, 5th percentile");
        foreach (var engine in engines)
        {
            foreach (var shardBytes in sizes)
            {
                foreach (var shape in new[] { "334/1000", "667/1000", "34/100", "67/100" })
                {
                    ReedSolomonBenchmarkData.Create(shape, shardBytes, engine,
                        out var encoder, out var decoder, out var originals, out var recovery, out var indices, out var shards, out var output);
                    var encode = Measure(() => encoder.Encode(originals, recovery, shardBytes));
                    var decode = Measure(() => decoder.TryDecode(indices, shards, shardBytes, output, shardBytes, shardBytes));
                    var input = (double)originals.Length;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{engine.Name,-11} {shape,-9} B={shardBytes,6}  encode {encode,10:F1} us {input / encode / 1e3,6:F2} GB/s   decode {decode,10:F1} us {input / decode / 1e3,6:F2} GB/s"));
                }
            }
        }
    }

    private static double Measure(Action action)
    {
        var warmup = Stopwatch.StartNew();
        while (warmup.ElapsedMilliseconds < 200)
        {
            action();
        }

        var batch = 1;
        while (true)
        {
            var start = NowMicroseconds();
            for (var i = 0; i < batch; i++)
            {
                action();
            }

            if (NowMicroseconds() - start > 50)
            {
                break;
            }

            batch *= 2;
        }

        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.ElapsedMilliseconds < 600 || samples.Count < 50)
        {
            var start = NowMicroseconds();
            for (var i = 0; i < batch; i++)
            {
                action();
            }

            samples.Add((NowMicroseconds() - start) / batch);
        }

        samples.Sort();
        return samples[samples.Count / 20];
    }

    private static double NowMicroseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out var time) == 0)
        {
            return (time.Seconds * 1e6) + (time.Nanoseconds / 1e3);
        }

        return Stopwatch.GetTimestamp() * 1e6 / Stopwatch.Frequency;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
