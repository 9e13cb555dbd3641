using Walrus.Core.Merkle;

namespace Walrus.Core.Encoding;

/// <summary>
/// A held sliver expanded to its n symbols with their Merkle tree: the source of recovery symbols for other nodes
/// (docs/protocol.md §9). Expanding once serves every target; the tree's root is the sliver's hash in the metadata.
/// </summary>
public sealed class ExpandedSliver
{
    private readonly byte[] _symbols;
    private readonly MerkleTree _tree;

    public ExpandedSliver(SliverData source, EncodingConfig config)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(config);
        Source = source;
        Config = config;
        _symbols = SliverVerifier.Expand(source, config);
        _tree = MerkleTree.Build(_symbols, source.SymbolSize, config.ShardCount);
    }

    public SliverData Source { get; }

    public EncodingConfig Config { get; }

    /// <summary>The type of sliver the symbols recover: the other type.</summary>
    public SliverType TargetType => Source.Type == SliverType.Primary ? SliverType.Secondary : SliverType.Primary;

    /// <summary>The Merkle root over the n symbols.</summary>
    public MerkleNode Root => _tree.Root;

    /// <summary>Symbol <paramref name="index"/> of the expansion (the intersection with sliver <paramref name="index"/> of the other type).</summary>
    public ReadOnlySpan<byte> Symbol(int index)
    {
        SliverIndex.CheckRange(index, Config.ShardCount);
        return _symbols.AsSpan(index * Source.SymbolSize, Source.SymbolSize);
    }

    /// <summary>The symbol for sliver <paramref name="target"/> of <see cref="TargetType"/>, without proof.</summary>
    public DecodingSymbol CreateDecodingSymbol(SliverIndex target) =>
        new(Source.Index.Value, Symbol(target.Value).ToArray());

    /// <summary>The symbol for sliver <paramref name="target"/> of <see cref="TargetType"/>, with its proof.</summary>
    public RecoverySymbol CreateRecoverySymbol(SliverIndex target) =>
        new(TargetType, CreateDecodingSymbol(target), _tree.GetProof(target.Value));

    /// <summary>The recovery symbol in the form the node API serves.</summary>
    public GeneralRecoverySymbol CreateGeneralRecoverySymbol(SliverIndex target) =>
        new(new EitherDecodingSymbol(TargetType, CreateDecodingSymbol(target)), target, _tree.GetProof(target.Value));
}
