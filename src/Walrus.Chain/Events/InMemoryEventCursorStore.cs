namespace Walrus.Chain.Events;

/// <summary>A cursor kept in memory only (for tools and tests that need no resumption across processes).</summary>
public sealed class InMemoryEventCursorStore : IEventCursorStore
{
    private EventCursor? _cursor;

    /// <summary>How many times the cursor was saved.</summary>
    public int Saves { get; private set; }

    /// <inheritdoc/>
    public Task<EventCursor?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref _cursor));

    /// <inheritdoc/>
    public Task SaveAsync(EventCursor cursor, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _cursor, cursor);
        Saves++;
        return Task.CompletedTask;
    }
}
