using Walrus.StorageNode.Node;
using Walrus.TestKit.Cluster;

namespace Walrus.StorageNode.Tests;

/// <summary>The operator commands as a user runs them (the built <c>walrus</c>), without a chain.</summary>
public sealed class NodeCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "walrus-node-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Generate_config_writes_0600_keys_and_a_config_that_reads_back()
    {
        var output = await NodeProcess.RunCliAsync("node", "generate-config", "--dir", _directory, "--port", "9444", "--name", "n9");
        Assert.Contains("signing address: 0x", output, StringComparison.Ordinal);
        foreach (var key in new[] { "signing-key.json", "owner-key.json" })
        {
            Assert.True(File.Exists(Path.Combine(_directory, key)));
            if (OperatingSystem.IsWindows())
            {
                continue;
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, key)));
        }

        var config = Path.Combine(_directory, "node-config.json");
        var text = await File.ReadAllTextAsync(config);
        foreach (var (name, description, _) in NodeConfigFile.Describe())
        {
            Assert.Contains($"\"{name}\":", text, StringComparison.Ordinal);
            Assert.Contains(description, text, StringComparison.Ordinal);
        }

        var options = NodeConfigFile.Read(config);
        Assert.Equal(9444, options.Port);
        Assert.Equal("127.0.0.1:9444", options.PublicAddress);
        Assert.Equal("n9", options.Name);
        Assert.Equal(Path.Combine(_directory, "signing-key.json"), options.SigningKeyFile);

        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.RunCliAsync("node", "generate-config", "--dir", _directory));
        Assert.Contains("not overwriting", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_fails_clearly_without_its_key_files()
    {
        Directory.CreateDirectory(_directory);
        var config = Path.Combine(_directory, "node-config.json");
        await File.WriteAllTextAsync(config, NodeConfigFile.Format(new StorageNodeOptions { SigningKeyFile = "missing.json" }));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.RunCliAsync("node", "run", "--config", config));
        Assert.Contains("error: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("missing.json", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
