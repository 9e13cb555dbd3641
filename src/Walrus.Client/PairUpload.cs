using Walrus.Core;

namespace Walrus.Client;

/// <summary>One sliver pair's BCS bodies on their way to a node; disposing it frees the buffers and gives their room back to the store's budget.</summary>
internal sealed class PairUpload(SliverPairIndex pair, PooledBuffer primary, PooledBuffer secondary, ByteBudget? budget = null, long taken = 0) : IDisposable
{
    private int _disposed;

    public SliverPairIndex Pair { get; } = pair;

    public PooledBuffer Primary { get; } = primary;

    public PooledBuffer Secondary { get; } = secondary;

    public long Bytes => Primary.Length + Secondary.Length;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Primary.Dispose();
        Secondary.Dispose();
        budget?.Return(taken);
    }
}
