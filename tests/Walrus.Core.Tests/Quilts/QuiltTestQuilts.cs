using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Core.Tests.Quilts;

/// <summary>Seeded quilts for the reader tests, with their secondary slivers.</summary>
internal sealed class QuiltTestQuilts
{
    public sealed record Patch(string Identifier, Dictionary<string, string>? Tags, byte[] Data);

    private QuiltTestQuilts(EncodingConfig config, List<Patch> patches, QuiltV1 quilt, byte[] blob)
    {
        Config = config;
        Patches = patches;
        Quilt = quilt;
        Blob = blob;
    }

    public EncodingConfig Config { get; }

    public List<Patch> Patches { get; }

    public QuiltV1 Quilt { get; }

    public byte[] Blob { get; }

    /// <summary><paramref name="count"/> patches of up to <paramref name="maxSize"/> random bytes, every other one tagged.</summary>
    public static QuiltTestQuilts Create(int shards, int count, int maxSize, int seed)
    {
        var random = new Random(seed);
        var patches = new List<Patch>();
        for (var i = 0; i < count; i++)
        {
            var data = new byte[random.Next(maxSize + 1)];
            random.NextBytes(data);
            var tags = i % 2 == 0 ? new Dictionary<string, string> { ["n"] = $"{i}", ["parity"] = i % 4 == 0 ? "a" : "b" } : null;
            patches.Add(new Patch($"patch-{random.Next(10_000)}-{i}", tags, data));
        }

        return Create(EncodingConfig.Create(shards), patches);
    }

    public static QuiltTestQuilts Create(EncodingConfig config, List<Patch> patches)
    {
        var builder = new QuiltBuilder(config);
        foreach (var patch in patches)
        {
            builder.Add(patch.Identifier, patch.Data, patch.Tags);
        }

        var quilt = builder.Build();
        return new QuiltTestQuilts(config, patches, quilt, quilt.ToArray());
    }

    /// <summary>The quilt's systematic secondary slivers (columns 0..n_s-1), from the RS2 encoder.</summary>
    public SliverData[] Columns()
    {
        using var encoded = new Rs2Encoder(Config).Encode(Blob, EncodedBlobOptions.MaterializeAll);
        var columns = new SliverData[Config.SecondarySourceSymbols];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = encoded.GetSecondarySliver(new SliverIndex((ushort)i));
        }

        return columns;
    }
}
