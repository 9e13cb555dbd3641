using System.Diagnostics;

namespace Walrus.TestKit.Cluster;

/// <summary>Polls a condition until it holds or a deadline passes (no fixed sleeps).</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        var delay = 20;
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Condition not met within {timeout}: {describe()}");
            }

            await Task.Delay(delay);
            delay = Math.Min(delay * 2, 250);
        }
    }
}
