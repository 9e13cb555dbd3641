namespace Walrus.StorageNode.Node;

/// <summary>What a PUT did: stored now (201), was stored already (200), or buffered as a pending upload (202).</summary>
public enum StoreOutcome
{
    /// <summary>Stored durably by this request.</summary>
    Stored,

    /// <summary>Already stored; nothing changed.</summary>
    AlreadyStored,

    /// <summary>Held in memory until the registration is seen.</summary>
    Buffered,
}
