using Walrus.StorageNode.Node;

namespace Walrus.StorageNode.Tests;

public sealed class NodeConfigFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "walrus-config-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Every_option_has_a_description_and_a_default()
    {
        var options = NodeConfigFile.Describe();
        Assert.True(options.Count >= 15);
        Assert.All(options, o => Assert.False(string.IsNullOrWhiteSpace(o.Description), o.Name));
        Assert.Contains(options, o => o.Name == nameof(StorageNodeOptions.Port) && o.DefaultJson == "9185");
    }

    [Fact]
    public void A_written_config_reads_back_with_paths_relative_to_its_folder()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "node-config.json");
        var written = new StorageNodeOptions { Port = 9999, DataDirectory = "data", Name = "n1", PendingUploadMaxBytes = 12345, TlsCertificateFile = null };
        var text = NodeConfigFile.Format(written);
        File.WriteAllText(path, text);
        Assert.Contains("// Port of the HTTP API (0 picks a free one). Default: 9185.", text, StringComparison.Ordinal);
        var read = NodeConfigFile.Read(path);
        Assert.Equal(9999, read.Port);
        Assert.Equal("n1", read.Name);
        Assert.Equal(12345, read.PendingUploadMaxBytes);
        Assert.Equal(Path.Combine(_directory, "data"), read.DataDirectory);
        Assert.Equal(Path.Combine(_directory, "signing-key.json"), read.SigningKeyFile);
        Assert.Null(read.TlsCertificateFile);
    }

    [Fact]
    public void An_unknown_option_is_an_error()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "bad.json");
        File.WriteAllText(path, "{ \"Prot\": 1 }");
        Assert.Throws<FormatException>(() => NodeConfigFile.Read(path));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
