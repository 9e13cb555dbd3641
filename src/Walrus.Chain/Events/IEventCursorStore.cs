namespace Walrus.Chain.Events;

/// <summary>Persists an event stream's cursor so that it resumes after a restart.</summary>
public interface IEventCursorStore
{
    /// <summary>The saved cursor, or null if none was saved yet.</summary>
    Task<EventCursor?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Saves the cursor durably (it must survive a crash right after the call returns).</summary>
    Task SaveAsync(EventCursor cursor, CancellationToken cancellationToken);
}
