namespace Walrus.Testbed;

/// <summary>The ways a <see cref="ByzantineProxy"/> misbehaves on behalf of the node behind it (combinable).</summary>
[Flags]
public enum ByzantineBehaviour
{
    /// <summary>Forwards everything unchanged.</summary>
    None = 0,

    /// <summary>GET of a sliver answers the node's sliver with one symbol byte flipped (it no longer matches the metadata).</summary>
    CorruptSlivers = 1,

    /// <summary>GET of metadata answers the node's metadata with one hash byte flipped (it no longer matches the blob id).</summary>
    CorruptMetadata = 2,

    /// <summary>
    /// GET of a storage confirmation answers, in turn, the node's confirmation with a flipped signature byte, and a
    /// confirmation for another blob id validly signed with the node's signing key.
    /// </summary>
    WrongConfirmations = 4,

    /// <summary>
    /// PUT of metadata or a sliver answers 201 "stored", and PUT of many slivers answers 200 with every record stored,
    /// without forwarding them to the node.
    /// </summary>
    DropWrites = 8,

    /// <summary>Every behaviour above.</summary>
    All = CorruptSlivers | CorruptMetadata | WrongConfirmations | DropWrites,
}
