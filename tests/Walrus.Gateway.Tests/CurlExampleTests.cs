using System.Diagnostics;
using System.Text.Json;

namespace Walrus.Gateway.Tests;

/// <summary>The curl commands of Walrus's HTTP API documentation, run unchanged with the real curl against the daemon.</summary>
[Collection(GatewayClusterGroup.Name)]
public sealed class CurlExampleTests(GatewayCluster gateway)
{
    private static async Task<(int Exit, string Output)> CurlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-sS");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    [Fact]
    public async Task The_documented_store_and_read_commands_work_unchanged()
    {
        if (!File.Exists("/usr/bin/curl") && !File.Exists("/bin/curl"))
        {
            return;
        }

        var address = gateway.Server.BaseAddress.ToString().TrimEnd('/');

        // curl -X PUT "$PUBLISHER/v1/blobs" -d "some string"
        var (exit, output) = await CurlAsync("-X", "PUT", address + "/v1/blobs", "-d", "some string");
        Assert.True(exit == 0, output);
        using var stored = JsonDocument.Parse(output);
        var blobId = stored.RootElement.GetProperty("newlyCreated").GetProperty("blobObject").GetProperty("blobId").GetString();

        // curl "$AGGREGATOR/v1/blobs/<some blob ID>"
        (exit, output) = await CurlAsync(address + "/v1/blobs/" + blobId);
        Assert.Equal(0, exit);
        Assert.Equal("some string", output);

        // curl -X PUT "$PUBLISHER/v1/blobs?epochs=5" --upload-file "some/file"
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, GatewayCluster.RandomBlob(501, 12_345));
            (exit, output) = await CurlAsync("-X", "PUT", address + "/v1/blobs?epochs=5", "--upload-file", file);
            Assert.True(exit == 0, output);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(12_345, json.RootElement.GetProperty("newlyCreated").GetProperty("blobObject").GetProperty("size").GetInt32());

            // curl "$AGGREGATOR/v1/blobs/<some blob ID>" -o file
            var copy = file + ".out";
            var id = json.RootElement.GetProperty("newlyCreated").GetProperty("blobObject").GetProperty("blobId").GetString();
            (exit, output) = await CurlAsync(address + "/v1/blobs/" + id, "-o", copy);
            Assert.True(exit == 0, output);
            Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(copy));
            File.Delete(copy);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
