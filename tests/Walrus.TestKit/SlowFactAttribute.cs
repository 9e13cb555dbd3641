using Xunit;

namespace Walrus.TestKit;

/// <summary>
/// A long test (soak, scale, throughput): skipped unless WALRUS_SLOW_TESTS=1. Pair it with
/// [Trait("Category","Slow")] so that filters exclude it too.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SlowFactAttribute : FactAttribute
{
    /// <summary>Sets Skip unless slow tests are enabled.</summary>
    public SlowFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("WALRUS_SLOW_TESTS") != "1")
        {
            Skip = "Slow test: set WALRUS_SLOW_TESTS=1 to run it.";
        }
    }
}
