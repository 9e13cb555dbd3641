using Walrus.TestKit.Cluster;

namespace Walrus.Client.Tests;

/// <summary><c>walrus store a b --end-epoch E --json</c> as a process against the real cluster.</summary>
public sealed class CliStoreManyTests(TestCluster cluster) : IClassFixture<TestCluster>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("walrus-cli-many-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Two_files_store_in_one_call_with_an_end_epoch_and_report_their_resource_operation()
    {
        var config = await CliConfig.WriteAsync(cluster, _dir);
        var files = new[] { Path.Combine(_dir, "a.bin"), Path.Combine(_dir, "b.bin") };
        for (var i = 0; i < files.Length; i++)
        {
            var blob = new byte[30_000 + i];
            new Random(50 + i).NextBytes(blob);
            await File.WriteAllBytesAsync(files[i], blob);
        }

        var end = (await cluster.Chain.GetEpochAsync()).Epoch.Value + 2;

        var stored = await CliTests.JsonOfAsync("store", files[0], files[1], "--end-epoch", end.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", config, "--json");

        Assert.Equal(2, stored.GetArrayLength());
        foreach (var result in stored.EnumerateArray())
        {
            Assert.Equal("newlyCreated", result.GetProperty("outcome").GetString());
            Assert.Equal(end, result.GetProperty("endEpoch").GetUInt32());
            var scratch = result.GetProperty("resourceOperation").GetProperty("registerFromScratch");
            Assert.Equal(2u, scratch.GetProperty("epochsAhead").GetUInt32());
            Assert.Equal(result.GetProperty("encodedSize").GetInt64(), scratch.GetProperty("encodedLength").GetInt64());
        }
    }
}
