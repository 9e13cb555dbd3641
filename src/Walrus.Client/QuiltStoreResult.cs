namespace Walrus.Client;

/// <summary>
/// The result of storing a quilt: the quilt blob's store result (its blob id is the quilt id), every patch in index
/// (identifier) order with its patch id, and the quilt's geometry (symbol size, columns used).
/// </summary>
public sealed record QuiltStoreResult(StoreResult BlobStoreResult, IReadOnlyList<StoredQuiltPatch> Patches, int SymbolSize, int IndexColumns);
