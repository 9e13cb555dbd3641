using System.Runtime.InteropServices;

namespace Walrus.Chain.Events;

/// <summary>A block by number and hash: what the event stream remembers to notice reorganisations.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct BlockRef(ulong Number, Hash256 Hash);
