using Walrus.Core.Encoding;
using Walrus.Core.Quilts;
using Input = Walrus.Core.Tests.Quilts.QuiltOracle.Input;

namespace Walrus.Core.Tests.Quilts;

/// <summary>
/// Quilt bytes, quilt blob id and every patch id against Walrus's reference (tools/oracle/quilt.mjs: Mysten's
/// TypeScript SDK encodeQuilt for the layout, the RS2 oracle for the blob id) on seeded quilts.
/// </summary>
public sealed class QuiltCompatibilityTests
{
    private static readonly OrderedDictionary<string, (int Shards, Func<IReadOnlyList<Input>> Inputs)> Cases = new()
    {
        // Run by default: the rules, small and 1000 shards.
        ["10 shards: tags, no tags, an empty patch, a unicode identifier"] = (10, () =>
        [
            new("zeta", Tags(("k", "v"), ("content-type", "text/plain")), Data(1, 5)),
            new("alpha", null, Data(2, 3000)),
            new("émpty", null, []),
        ]),
        ["4 shards: one patch of one byte"] = (4, () => [new("x", null, Data(3, 1))]),
        ["7 shards: many tags, keys over 127 bytes"] = (7, () =>
        [
            new("a", ManyTags(4, 40), Data(4, 700)),
            new("b", null, Data(5, 100)),
        ]),
        ["100 shards: 20 patches, mixed sizes and tags"] = (100, () => Mixed(6, 20, 5000, tagEvery: 2)),
        ["100 shards: an index over 10 columns"] = (100, () => Enumerable.Range(0, 20)
            .Select(i => new Input($"p{i:D2}", Tags(("meta", new string('m', 2000)), ("n", $"{i}")), Data(100 + i, 50))).ToList()),
        ["1000 shards: a patch exactly filling its columns"] = (1000, () => ExactFill(1000, extra: 0)),

        // Slow: the limits and large shapes (the oracle takes seconds per quilt at 1000 shards).
        ["1000 shards: 10 patches with tags"] = (1000, () => Mixed(7, 10, 20_480, tagEvery: 1)),
        ["10 shards: 6 patches (the most)"] = (10, () => Mixed(8, 6, 3000, tagEvery: 2)),
        ["10 shards: a patch exactly filling its columns"] = (10, () => ExactFill(10, extra: 0)),
        ["10 shards: one byte over a column"] = (10, () => ExactFill(10, extra: 1)),
        ["13 shards: varied sizes"] = (13, () => Mixed(9, 8, 100_000, tagEvery: 3)),
        ["31 shards: unicode and punctuation identifiers"] = (31, () =>
        [
            new("日本語.txt", Tags(("言語", "日本語")), Data(10, 300)),
            new("😀-emoji", null, Data(11, 10)),
            new("Ünïcödé", Tags(("ключ", "значение")), Data(12, 1000)),
            new("a b c", null, Data(13, 7)),
            new("_under", null, []),
            new("-dash", null, Data(14, 64)),
            new(".dot", null, Data(15, 65)),
            new("Z", null, Data(16, 1)),
            new("z", null, Data(17, 2)),
            new("0start", Tags(("", "empty key")), Data(18, 3)),
        ]),
        ["100 shards: 66 patches (the most)"] = (100, () => Mixed(19, 66, 4000, tagEvery: 2)),
        ["100 shards: long identifiers and keys"] = (100, () =>
        [
            new(new string('i', 1000), Tags((new string('k', 300), new string('v', 5000))), Data(20, 4000)),
            new(new string('j', 200), null, Data(21, 200)),
            new("short", ManyTags(22, 100), Data(23, 10)),
        ]),
        ["301 shards: 200 patches with large tags"] = (301, () => Enumerable.Range(0, 200)
            .Select(i => new Input($"f/{i:D3}", Tags(("desc", new string((char)('a' + (i % 26)), 300))), Data(200 + i, i * 7))).ToList()),
        ["1000 shards: 666 patches (the most)"] = (1000, () => Mixed(24, 666, 2000, tagEvery: 3)),
        ["1000 shards: 600 patches of 10 KiB"] = (1000, () => Enumerable.Range(0, 600)
            .Select(i => new Input($"nft/{i}.json", i % 2 == 0 ? Tags(("content-type", "application/json")) : null, Data(1000 + i, 10_240))).ToList()),
        ["1000 shards: one patch of 3 MB"] = (1000, () => [new("big.bin", Tags(("size", "3MB")), Data(25, 3_000_000))]),
        ["1000 shards: one byte over a column"] = (1000, () => ExactFill(1000, extra: 1)),
        ["1000 shards: 50 empty patches"] = (1000, () => Enumerable.Range(0, 50).Select(i => new Input($"e{i}", null, [])).ToList()),
        ["1000 shards: one large patch and 100 tiny ones"] = (1000, () =>
            [new("large", null, Data(26, 1_000_000)), .. Mixed(27, 100, 40, tagEvery: 5)]),
    };

    private const int DefaultCount = 6;

    public static TheoryData<string> DefaultCases() => [.. Cases.Keys.Take(DefaultCount)];

    public static TheoryData<string> SlowCases() => [.. Cases.Keys.Skip(DefaultCount)];

    [Theory]
    [MemberData(nameof(DefaultCases))]
    public void Quilt_bytes_blob_id_and_patch_ids_equal_the_references(string name) => Check(name);

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(SlowCases))]
    public void Quilt_bytes_blob_id_and_patch_ids_equal_the_references_on_more_shapes(string name) => Check(name);

    private static void Check(string name)
    {
        var (shards, make) = Cases[name];
        var inputs = make();
        var expected = QuiltOracle.Run(shards, inputs);
        var config = EncodingConfig.Create(shards);

        var builder = new QuiltBuilder(config);
        foreach (var input in inputs)
        {
            builder.Add(input.Identifier, input.Data, input.Tags);
        }

        var quilt = builder.Build();
        var bytes = quilt.ToArray();
        Assert.Equal(expected.Quilt.Length, bytes.Length);
        var differs = bytes.AsSpan().CommonPrefixLength(expected.Quilt);
        Assert.True(differs == bytes.Length, $"the quilt differs from the reference's at byte {differs}");

        var quiltId = new Rs2Encoder(config).ComputeBlobId(bytes);
        Assert.Equal(expected.QuiltBlobId, quiltId.ToString());

        var ids = quilt.PatchIds(quiltId);
        Assert.Equal(expected.Patches.Count, ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var patch = quilt.Index.Patches[i];
            Assert.Equal(expected.Patches[i].Identifier, patch.Identifier);
            Assert.Equal(expected.Patches[i].StartIndex, patch.StartColumn);
            Assert.Equal(expected.Patches[i].EndIndex, patch.EndColumn);
            Assert.Equal(expected.Patches[i].QuiltPatchId, ids[i].ToString());
            Assert.Equal(ids[i], QuiltPatchId.Parse(expected.Patches[i].QuiltPatchId));
        }

        // The reference's bytes read back with our reader.
        Assert.True(QuiltColumns.TryFromBlob(config, expected.Quilt, out var columns, out var error), error?.Message);
        Assert.True(QuiltReader.TryReadIndex(columns, out var index, out error), error?.Message);
        foreach (var input in inputs)
        {
            Assert.True(QuiltReader.TryReadPatch(columns, index, input.Identifier, out var content, out error), error?.Message);
            Assert.Equal(input.Data, content.Data);
            Assert.Equal(input.Tags?.Count ?? 0, content.Tags.Count);
        }
    }

    private static byte[] Data(int seed, int size)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    /// <summary><paramref name="count"/> tags with keys of 1 to 200 characters (ULEB128 lengths of one and two bytes).</summary>
    private static Dictionary<string, string> ManyTags(int seed, int count)
    {
        var random = new Random(seed);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; tags.Count < count; i++)
        {
            var key = $"{i}" + new string((char)('a' + random.Next(26)), random.Next(0, 200));
            tags[key] = new string('v', random.Next(0, 50));
        }

        return tags;
    }

    /// <summary>Patches with shuffled identifiers, random sizes up to <paramref name="maxSize"/>, tags on every <paramref name="tagEvery"/>-th.</summary>
    private static List<Input> Mixed(int seed, int count, int maxSize, int tagEvery)
    {
        var random = new Random(seed);
        var inputs = new List<Input>();
        for (var i = 0; i < count; i++)
        {
            var tags = i % tagEvery == 0 ? Tags(("index", $"{i}"), ("kind", random.Next(2) == 0 ? "even" : "odd")) : null;
            inputs.Add(new Input($"file-{random.Next(1_000_000):D7}-{i}.bin", tags, Data(seed * 10_000 + i, random.Next(maxSize + 1))));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(inputs));
        return inputs;
    }

    /// <summary>
    /// A patch whose header, identifier and data fill its columns exactly (plus <paramref name="extra"/> bytes), next to a
    /// small one, found by laying out candidates with our encoder (the reference then checks the layout).
    /// </summary>
    private static List<Input> ExactFill(int shards, int extra)
    {
        var config = EncodingConfig.Create(shards);
        var other = new Input("other", null, Data(30, 10));
        var buffer = Data(31, 200_000);
        const string Identifier = "exact";
        var prefix = QuiltLayout.PatchHeaderSize + 2 + 1 + Identifier.Length;
        for (var length = 2_000; length < buffer.Length; length++)
        {
            var quilt = new QuiltBuilder(config).Add(other.Identifier, other.Data).Add(Identifier, buffer.AsMemory(0, length)).Build();
            if ((prefix + length) % quilt.ColumnSize == 0 && (prefix + length) / quilt.ColumnSize >= 2)
            {
                return [other, new Input(Identifier, null, buffer[..(length + extra)])];
            }
        }

        throw new InvalidOperationException("no exact fill found");
    }
}
