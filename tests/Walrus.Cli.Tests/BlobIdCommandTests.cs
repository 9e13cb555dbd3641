using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Walrus.Cli.Commands;
using Walrus.TestKit;

namespace Walrus.Cli.Tests;

public sealed class BlobIdCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("walrus-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Inputs of tests/vectors/rs2-blob-ids.json: block j is SHA-256 of "<seed>/<j>", cut to size.
    private string VectorFile(string seed, int size)
    {
        var data = new byte[size];
        for (int j = 0, offset = 0; offset < size; j++, offset += 32)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{j}")).AsSpan(0, Math.Min(32, size - offset)).CopyTo(data.AsSpan(offset));
        }

        var path = Path.Combine(_folder, seed + ".bin");
        File.WriteAllBytes(path, data);
        return path;
    }

    [Fact]
    public void Blob_id_prints_the_mainnet_blob_id_of_a_shared_vector()
    {
        // Case {shards: 10, size: 1000} of rs2-blob-ids.json, taken from the file itself so it cannot drift.
        var vector = SharedVector(shards: 10, size: 1000);
        var output = new StringWriter();

        var exitCode = BlobIdCommand.Run(new FileInfo(VectorFile(vector.Seed, 1000)), 10, json: false, output, TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.Equal(vector.BlobId, output.ToString().Trim());
    }

    [Fact]
    public void Blob_id_json_carries_the_fields_a_user_needs()
    {
        var vector = SharedVector(shards: 10, size: 1000);
        var output = new StringWriter();

        Assert.Equal(0, BlobIdCommand.Run(new FileInfo(VectorFile(vector.Seed, 1000)), 10, json: true, output, TextWriter.Null));

        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(vector.BlobId, json.RootElement.GetProperty("blobId").GetString());
        Assert.Equal(vector.RootHash, json.RootElement.GetProperty("rootHash").GetString());
        Assert.Equal(1000, json.RootElement.GetProperty("unencodedLength").GetInt64());
        Assert.Equal(10, json.RootElement.GetProperty("nShards").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("encodingType").GetString()));
    }

    [Fact]
    public void Blob_id_refuses_fewer_than_four_shards()
    {
        var error = new StringWriter();

        Assert.NotEqual(0, BlobIdCommand.Run(new FileInfo(VectorFile("x", 10)), 3, json: false, TextWriter.Null, error));
        Assert.Contains("4", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_id_refuses_a_blob_too_large_and_names_the_maximum()
    {
        // 4 shards: n_p = 2, n_s = 3, so at most 6 x 65534 = 393,204 bytes.
        var error = new StringWriter();

        Assert.NotEqual(0, BlobIdCommand.Run(new FileInfo(VectorFile("big", 393_205)), 4, json: false, TextWriter.Null, error));
        Assert.Contains("393,204", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_id_of_a_missing_file_exits_non_zero_with_a_message()
    {
        var error = new StringWriter();

        Assert.NotEqual(0, BlobIdCommand.Run(new FileInfo(Path.Combine(_folder, "absent.bin")), 10, json: false, TextWriter.Null, error));
        Assert.Contains("absent.bin", error.ToString(), StringComparison.Ordinal);
    }

    private static (string Seed, string BlobId, string RootHash) SharedVector(int shards, int size)
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Vectors, "rs2-blob-ids.json")));
        foreach (var c in vectors.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("shards").GetInt32() == shards && c.GetProperty("size").GetInt32() == size)
            {
                return (c.GetProperty("seed").GetString()!, c.GetProperty("blobId").GetString()!, c.GetProperty("rootHash").GetString()!);
            }
        }

        throw new InvalidOperationException($"no shared vector for {shards} shards and {size} bytes");
    }
}
