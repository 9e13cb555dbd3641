namespace Walrus.Core.Encoding;

/// <summary>Tuning of <see cref="Rs2Encoder"/>. The output never depends on these.</summary>
public sealed record Rs2EncoderOptions
{
    /// <summary>The defaults: every core, 4 MiB of scratch per worker.</summary>
    public static Rs2EncoderOptions Default { get; } = new();

    /// <summary>How many threads an encode may use (at least 1). Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The scratch each worker uses for one band of rows or columns (packed shards, recovery shards, leaf hashes).
    /// Bands fit this budget when they can; a band is never narrower than one row or column.
    /// </summary>
    public int ScratchBytesPerWorker { get; init; } = 4 << 20;
}
