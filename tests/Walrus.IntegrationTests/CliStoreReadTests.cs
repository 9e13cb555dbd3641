using System.Text.Json;
using Walrus.IntegrationTests.Support;

namespace Walrus.IntegrationTests;

/// <summary>The CLI as a user runs it against a testbed: <c>walrus store|read --config DIR/client.json</c>.</summary>
[Collection(HonestNetwork.Name)]
public sealed class CliStoreReadTests(HonestNetworkFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("walrus-it-cli-").FullName;

    [Theory]
    [InlineData(1)]
    [InlineData(Blobs.MiB)]
    [InlineData(20 * Blobs.MiB)]
    public async Task A_blob_stored_with_the_cli_reads_back_byte_for_byte(int size)
    {
        var data = Blobs.Random(size, seed: size);
        var input = Path.Combine(_folder, "in.bin");
        var output = Path.Combine(_folder, "out.bin");
        await File.WriteAllBytesAsync(input, data);

        var stored = await Cli.SucceedAsync("store", input, "--epochs", "2", "--json", "--config", fixture.ClientConfig);
        var blobId = BlobIdOf(stored);
        var read = await Cli.SucceedAsync("read", blobId, "--out", output, "--config", fixture.ClientConfig);

        Assert.Contains($"{size} bytes written", read.Stdout, StringComparison.Ordinal);
        Assert.Equal(data, await File.ReadAllBytesAsync(output));
    }

    /// <summary>The blob id of the one file of <c>walrus store --json</c>.</summary>
    internal static string BlobIdOf(Cli.Run stored)
    {
        using var document = JsonDocument.Parse(stored.Stdout);
        return document.RootElement[0].GetProperty("blobId").GetString()!;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
