using Walrus.Core.Encoding;

namespace Walrus.Core.Tests.TestSupport;

/// <summary>A blob encoded with every sliver held, indexed by sliver index.</summary>
internal sealed class EncodedTestBlob
{
    private EncodedTestBlob(EncodingConfig config, byte[] blob, BlobMetadataWithId metadata, SliverData[] primary, SliverData[] secondary)
    {
        Config = config;
        Blob = blob;
        Metadata = metadata;
        Primary = primary;
        Secondary = secondary;
    }

    public EncodingConfig Config { get; }

    public byte[] Blob { get; }

    public BlobMetadataWithId Metadata { get; }

    /// <summary>Primary sliver i at index i.</summary>
    public SliverData[] Primary { get; }

    /// <summary>Secondary sliver j at index j.</summary>
    public SliverData[] Secondary { get; }

    public int SymbolSize => Primary[0].SymbolSize;

    public SliverData[] Slivers(SliverType type) => type == SliverType.Primary ? Primary : Secondary;

    public static EncodedTestBlob Create(int shards, byte[] blob)
    {
        var config = EncodingConfig.Create(shards);
        using var encoded = new Rs2Encoder(config).Encode(blob, EncodedBlobOptions.MaterializeAll);
        var primary = new SliverData[shards];
        var secondary = new SliverData[shards];
        for (var i = 0; i < shards; i++)
        {
            primary[i] = encoded.GetPrimarySliver(new SliverIndex((ushort)i));
            secondary[i] = encoded.GetSecondarySliver(new SliverIndex((ushort)i));
        }

        return new EncodedTestBlob(config, blob, encoded.Metadata, primary, secondary);
    }

    /// <summary><paramref name="count"/> distinct indices of 0..n-1 in random order.</summary>
    public static int[] RandomSubset(Random random, int n, int count)
    {
        var all = Enumerable.Range(0, n).ToArray();
        random.Shuffle(all);
        return all[..count];
    }
}
