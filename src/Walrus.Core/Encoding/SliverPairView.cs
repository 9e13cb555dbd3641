using System.Buffers;

namespace Walrus.Core.Encoding;

/// <summary>
/// A sliver pair lent by <see cref="StreamingEncodedBlob"/>: its slivers' symbols in the encoder's buffers, valid only
/// during the callback. Write them out (<see cref="WritePrimaryBcs"/>, <see cref="WriteSecondaryBcs"/>) or copy them
/// (<see cref="ToSliverPair"/>) to keep them.
/// </summary>
public readonly ref struct SliverPairView
{
    internal SliverPairView(SliverPairIndex index, int shardCount, int symbolSize, ReadOnlySpan<byte> primary, ReadOnlySpan<byte> secondary)
    {
        Index = index;
        SecondaryIndex = index.SecondarySliverIndex(shardCount);
        SymbolSize = symbolSize;
        Primary = primary;
        Secondary = secondary;
    }

    /// <summary>The pair index (the shard that stores it follows from <see cref="ShardMapping"/>).</summary>
    public SliverPairIndex Index { get; }

    /// <summary>The primary sliver's index (equal to the pair index).</summary>
    public SliverIndex PrimaryIndex => Index.PrimarySliverIndex;

    /// <summary>The secondary sliver's index (n - 1 - pair index).</summary>
    public SliverIndex SecondaryIndex { get; }

    /// <summary>The symbol size.</summary>
    public int SymbolSize { get; }

    /// <summary>The primary sliver's n_s symbols, back to back.</summary>
    public ReadOnlySpan<byte> Primary { get; }

    /// <summary>The secondary sliver's n_p symbols, back to back.</summary>
    public ReadOnlySpan<byte> Secondary { get; }

    /// <summary>Writes the primary sliver's BCS (<see cref="SliverData"/>, the body of a sliver PUT) to <paramref name="writer"/>.</summary>
    public void WritePrimaryBcs(IBufferWriter<byte> writer) => SliverData.WriteBcs(writer, Primary, SymbolSize, PrimaryIndex);

    /// <summary>Writes the secondary sliver's BCS to <paramref name="writer"/>.</summary>
    public void WriteSecondaryBcs(IBufferWriter<byte> writer) => SliverData.WriteBcs(writer, Secondary, SymbolSize, SecondaryIndex);

    /// <summary>The pair copied into new arrays.</summary>
    public SliverPair ToSliverPair() => new(
        new SliverData(SliverType.Primary, PrimaryIndex, SymbolSize, Primary.ToArray()),
        new SliverData(SliverType.Secondary, SecondaryIndex, SymbolSize, Secondary.ToArray()));
}
