namespace Walrus.Client;

/// <summary>
/// Bytes of sliver data a store has encoded and not yet finished sending (or dropped), across all nodes: the encoder
/// takes room before it writes a sliver pair and waits while there is none; an upload gives the room back when it ends.
/// A pair larger than the whole budget takes all of it, so a store always moves.
/// </summary>
internal sealed class ByteBudget(long capacity)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _returned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _used;

    /// <summary>Blocks until <paramref name="bytes"/> (at most the capacity) fit; returns what was taken.</summary>
    public long Take(long bytes, CancellationToken cancellationToken)
    {
        var take = Math.Min(bytes, capacity);
        while (true)
        {
            Task returned;
            lock (_lock)
            {
                if (_used == 0 || _used + take <= capacity)
                {
                    _used += take;
                    return take;
                }

                returned = _returned.Task;
            }

            returned.Wait(cancellationToken);
        }
    }

    /// <summary>Gives back what <see cref="Take"/> returned.</summary>
    public void Return(long taken)
    {
        TaskCompletionSource returned;
        lock (_lock)
        {
            _used -= taken;
            returned = _returned;
            _returned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        returned.TrySetResult();
    }
}
