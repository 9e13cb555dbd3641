using Walrus.Core;

namespace Walrus.Client;

/// <summary>One sliver pair's BCS bodies on their way to a node.</summary>
internal sealed class PairUpload(SliverPairIndex pair, PooledBuffer primary, PooledBuffer secondary) : IDisposable
{
    public SliverPairIndex Pair { get; } = pair;

    public PooledBuffer Primary { get; } = primary;

    public PooledBuffer Secondary { get; } = secondary;

    public long Bytes => Primary.Length + Secondary.Length;

    public void Dispose()
    {
        Primary.Dispose();
        Secondary.Dispose();
    }
}
