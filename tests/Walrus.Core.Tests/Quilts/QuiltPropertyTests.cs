using FsCheck.Xunit;
using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Core.Tests.Quilts;

public sealed class QuiltPropertyTests
{
    private static readonly int[] ShardCounts = [4, 7, 10, 31, 100];

    [Property(MaxTest = 40, Replay = "(20251130,1)")]
    public void Any_patches_encode_and_read_back_from_the_blob_and_from_their_columns(int seed)
    {
        var random = new Random(seed);
        var config = EncodingConfig.Create(ShardCounts[random.Next(ShardCounts.Length)]);
        var count = random.Next(1, QuiltLayout.MaxPatches(config) + 1);
        var patches = new List<QuiltTestQuilts.Patch>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (patches.Count < count)
        {
            var name = RandomIdentifier(random);
            if (!names.Add(name))
            {
                continue;
            }

            var data = new byte[random.Next(4) == 0 ? 0 : random.Next(20_000)];
            random.NextBytes(data);
            Dictionary<string, string>? tags = null;
            if (random.Next(2) == 0)
            {
                tags = [];
                for (var t = random.Next(1, 6); t > 0; t--)
                {
                    tags[RandomIdentifier(random)] = new string('v', random.Next(300));
                }
            }

            patches.Add(new QuiltTestQuilts.Patch(name, tags, data));
        }

        var quilt = QuiltTestQuilts.Create(config, patches);
        var columns = quilt.Columns();
        Assert.True(QuiltColumns.TryFromBlob(config, quilt.Blob, out var whole, out var error), error?.Message);
        Assert.True(QuiltReader.TryReadIndex(whole, out var index, out error), error?.Message);
        Assert.Equal(patches.Select(p => p.Identifier).Order(Utf8Order.Instance), index.Patches.Select(p => p.Identifier));
        foreach (var patch in patches)
        {
            Assert.True(index.TryGetPatch(patch.Identifier, out var entry));
            Assert.True(QuiltColumns.TryFromSlivers(config, entry.InternalId.SecondarySliverIndices().Select(c => columns[c.Value]), out var own, out error), error?.Message);
            Assert.True(QuiltReader.TryReadPatch(own, entry.InternalId, out var content, out error), error?.Message);
            Assert.Equal(patch.Identifier, content.Identifier);
            Assert.Equal(patch.Data, content.Data);
            Assert.Equal((patch.Tags ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal), content.Tags.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        }
    }

    private static string RandomIdentifier(Random random)
    {
        const string Alphabet = "abcXYZ019_-. /éü日本😀";
        var length = random.Next(1, 12);
        var builder = new System.Text.StringBuilder();
        while (builder.Length < length)
        {
            var i = random.Next(Alphabet.Length);
            if (char.IsHighSurrogate(Alphabet[i]))
            {
                builder.Append(Alphabet, i, 2);
            }
            else if (!char.IsLowSurrogate(Alphabet[i]))
            {
                builder.Append(Alphabet[i]);
            }
        }

        var text = builder.ToString().TrimEnd();
        return text.Length == 0 ? "x" : text;
    }

    /// <summary>Order by UTF-8 bytes (Rust's String order), which QuiltV1 sorts patches by.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            System.Text.Encoding.UTF8.GetBytes(x!).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y!));
    }
}
