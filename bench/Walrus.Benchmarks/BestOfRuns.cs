using System.Diagnostics;

namespace Walrus.Benchmarks;

/// <summary>
/// The quick measurements' timer: one warm-up call, then the run with the shortest wall time out of several, with the
/// process CPU time that run used (wall time alone is noise on a shared machine).
/// </summary>
internal static class BestOfRuns
{
    public static (double Wall, double Cpu) Measure(int runs, Action action)
    {
        action();
        var best = (Wall: double.MaxValue, Cpu: 0.0);
        for (var i = 0; i < runs; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            var wall = watch.Elapsed.TotalMilliseconds;
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            if (wall < best.Wall)
            {
                best = (wall, used);
            }
        }

        return best;
    }
}
