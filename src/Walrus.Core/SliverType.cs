namespace Walrus.Core;

/// <summary>The two kinds of sliver (docs/protocol.md §3). The values are the wire values (BCS variant indices).</summary>
public enum SliverType : byte
{
    /// <summary>A row of the expanded matrix restricted to its first n_s columns (n_s symbols).</summary>
    Primary = 0,

    /// <summary>A column of the expanded matrix restricted to its first n_p rows (n_p symbols).</summary>
    Secondary = 1,
}
