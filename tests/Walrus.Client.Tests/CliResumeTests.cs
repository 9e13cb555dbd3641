using System.Diagnostics;
using Walrus.Core.Encoding;
using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary><c>walrus store</c> killed mid-upload (after it registered and paid) and run again: the blob certifies and only one registration is paid.</summary>
[Trait("Category", "Slow")]
public sealed class CliResumeTests(LargeCluster large) : IClassFixture<LargeCluster>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("walrus-cli-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_store_killed_after_registering_resumes_and_pays_once()
    {
        var cluster = large.Cluster;
        var config = await CliConfig.WriteAsync(cluster, _dir);
        var file = Path.Combine(_dir, "big.bin");
        var blob = new byte[30 << 20];
        new Random(31).NextBytes(blob);
        await File.WriteAllBytesAsync(file, blob);
        var blobId = new Rs2Encoder(EncodingConfig.Create(cluster.ShardCount)).ComputeMetadata(file).BlobId;
        using var client = new WalrusClient(cluster.Chain);
        using var user = TestCluster.User();
        var before = await client.GetWalBalanceAsync(user.Address);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[NodeProcess.CliDll, "store", file, "--config", config, "--json"])
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start)!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            await Poll.UntilAsync(async () => (await client.FindBlobObjectsAsync(blobId)).Count > 0, TimeSpan.FromMinutes(2), () => "the store never registered");
            Assert.False(process.HasExited, "the store finished before it could be killed: nothing was tested");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var paid = before - await client.GetWalBalanceAsync(user.Address);
        Assert.True(paid > 0);
        var objects = await client.FindBlobObjectsAsync(blobId);
        Assert.Null(Assert.Single(objects).Record.CertifiedEpoch);

        var resumed = await CliTests.JsonOfAsync("store", file, "--config", config, "--json");

        Assert.Equal("resumed", resumed[0].GetProperty("outcome").GetString());
        Assert.Equal(paid, before - await client.GetWalBalanceAsync(user.Address));
        Assert.NotNull(Assert.Single(await client.FindBlobObjectsAsync(blobId)).Record.CertifiedEpoch);
        var copy = Path.Combine(_dir, "copy.bin");
        await client.ReadAsync(blobId, copy);
        Assert.Equal(blob, await File.ReadAllBytesAsync(copy));
    }
}
