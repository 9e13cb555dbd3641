namespace Walrus.Load;

/// <summary>One load run.</summary>
internal sealed record LoadOptions
{
    /// <summary>Store new blobs or read stored ones.</summary>
    public required LoadMode Mode { get; init; }

    /// <summary>Concurrent clients (each one operation at a time).</summary>
    public int Clients { get; init; } = 1;

    /// <summary>Blob size in bytes.</summary>
    public long Size { get; init; } = 1 << 20;

    /// <summary>How long to keep going (ignored when <see cref="Count"/> is set).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Total operations to run instead of a duration.</summary>
    public int? Count { get; init; }

    /// <summary>Read mode: distinct blobs stored first (untimed) and read in turn.</summary>
    public int Blobs { get; init; } = 4;

    /// <summary>Epochs each stored blob is paid for.</summary>
    public uint Epochs { get; init; } = 1;
}

/// <summary>What a load run does.</summary>
internal enum LoadMode
{
    Store,
    Read,
}
