using System.Text.Json;
using Walrus.Core.Encoding;
using Walrus.Core.Tests.TestSupport;
using Walrus.TestKit;

namespace Walrus.Core.Tests.Encoding;

/// <summary>Every case of tests/vectors/rs2-blob-ids.json, produced by Walrus mainnet's encoder.</summary>
public sealed class Rs2VectorTests
{
    public static TheoryData<int, int, string> Cases()
    {
        var data = new TheoryData<int, int, string>();
        foreach (var c in LoadCases())
        {
            data.Add(c.GetProperty("shards").GetInt32(), c.GetProperty("size").GetInt32(), c.GetProperty("seed").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_blob_id_root_hash_and_edge_pair_hashes_match_the_vector(int shards, int size, string seed)
    {
        var expected = LoadCases().Single(c => c.GetProperty("seed").GetString() == seed);
        var config = EncodingConfig.Create(shards);
        var blob = TestBlobs.FromSeed(seed, size);
        var encoder = new Rs2Encoder(config);

        if (expected.TryGetProperty("error", out _))
        {
            var error = Assert.Throws<BlobTooLargeException>(() => encoder.ComputeMetadata(blob));
            Assert.Contains(config.MaxBlobSize.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
            Assert.False(config.CanEncode(size));
            return;
        }

        var metadata = encoder.ComputeMetadata(blob);
        Assert.Equal(expected.GetProperty("blobId").GetString(), metadata.BlobId.ToString());
        Assert.Equal(expected.GetProperty("rootHash").GetString(), metadata.Metadata.ComputeRootHash().ToHex());
        foreach (var name in new[] { "firstPair", "lastPair" })
        {
            var pair = expected.GetProperty(name);
            var hashes = metadata.Metadata.Hashes[pair.GetProperty("index").GetInt32()];
            Assert.Equal(pair.GetProperty("primaryHash").GetString(), hashes.PrimaryHash.ToHex());
            Assert.Equal(pair.GetProperty("secondaryHash").GetString(), hashes.SecondaryHash.ToHex());
        }
    }

    private static List<JsonElement> LoadCases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Vectors, "rs2-blob-ids.json")));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    }
}
