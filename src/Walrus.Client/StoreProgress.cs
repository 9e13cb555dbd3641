namespace Walrus.Client;

/// <summary>
/// Progress of a store: the stage (<c>encoding</c>, <c>registering</c>, <c>extending</c>, <c>uploading</c>,
/// <c>confirming</c>, <c>certifying</c>), and sliver bytes uploaded to all nodes of the total. An upload report also names
/// the node it is about and that node's bytes.
/// </summary>
public sealed record StoreProgress(string Stage, long BytesUploaded, long BytesTotal)
{
    /// <summary>The file being stored, when many are (<see cref="WalrusClient.StoreManyAsync"/>); else null.</summary>
    public string? Path { get; init; }

    /// <summary>The node an <c>uploading</c> or <c>confirming</c> report is about; else null.</summary>
    public uint? NodeId { get; init; }

    /// <summary>Sliver bytes uploaded to <see cref="NodeId"/> so far.</summary>
    public long NodeBytesUploaded { get; init; }

    /// <summary>Sliver bytes this upload sends to <see cref="NodeId"/>.</summary>
    public long NodeBytesTotal { get; init; }
}
