namespace Walrus.Core;

/// <summary>
/// Reference counting for an object whose native buffers may be read by several threads while another disposes it:
/// each use holds a reference (<see cref="Enter"/>, <see cref="Exit"/>); <see cref="Close"/> drops the owner's; the
/// buffers are freed by whoever drops the last one, and uses that begin after <see cref="Close"/> throw
/// <see cref="ObjectDisposedException"/>. A mutable struct: keep it in a non-readonly field.
/// </summary>
internal struct Lifetime
{
    // 1 for the owner plus 1 per use in progress; 0 once closed and every use has ended.
    private int _references;
    private int _closed;

    public Lifetime() => _references = 1;

    /// <summary>Begins a use of <paramref name="owner"/>.</summary>
    /// <exception cref="ObjectDisposedException">The owner is closed.</exception>
    public void Enter(object owner)
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0 || Volatile.Read(ref _closed) != 0)
            {
                ThrowHelper.ObjectDisposed(owner);
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>Ends a use; runs <paramref name="free"/> when it was the last reference.</summary>
    public void Exit(Action free)
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            free();
        }
    }

    /// <summary>Drops the owner's reference, once; runs <paramref name="free"/> when it was the last.</summary>
    public void Close(Action free)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            Exit(free);
        }
    }
}
