namespace Walrus.Client;

/// <summary>Progress of a store: the stage, and sliver bytes uploaded of the total.</summary>
public sealed record StoreProgress(string Stage, long BytesUploaded, long BytesTotal);
