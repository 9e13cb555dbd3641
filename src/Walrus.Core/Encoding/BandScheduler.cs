namespace Walrus.Core.Encoding;

/// <summary>
/// Runs independent bands of work on up to a given number of threads, each thread with its own scratch. Bands write
/// disjoint outputs, so results never depend on which thread ran which band.
/// </summary>
internal static class BandScheduler
{
    public static void ForEachBand<TScratch>(int count, int maxWorkers, Func<TScratch> createScratch, Action<int, TScratch> body)
        where TScratch : IDisposable
    {
        var workers = Math.Min(maxWorkers, count);
        if (workers <= 1)
        {
            if (count <= 0)
            {
                return;
            }

            using var scratch = createScratch();
            for (var i = 0; i < count; i++)
            {
                body(i, scratch);
            }

            return;
        }

        var next = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            using var scratch = createScratch();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                body(i, scratch);
            }
        });
    }
}
