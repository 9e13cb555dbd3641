using Walrus.Cli.Commands;
using Walrus.TestKit.Cluster;

namespace Walrus.Cli.Tests;

public class DemoCommandTests
{
    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 7)]
    [InlineData(100_000, 10)]
    [InlineData(300_000, 100)]
    public void Demo_reads_the_blob_back_after_losing_f_shards_and_a_lying_one(int size, int shards)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = DemoCommand.Run(size, shards, seed: 7, output, error);

        Assert.True(exitCode == 0, error.ToString());
        Assert.Contains("1 sliver rejected", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("read back intact", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_refuses_a_committee_below_four_shards()
    {
        var error = new StringWriter();

        Assert.Equal(2, DemoCommand.Run(1000, 3, seed: 1, TextWriter.Null, error));
        Assert.Contains("n-shards", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_brings_a_network_up_stores_a_blob_reads_it_back_and_leaves_no_folder_behind()
    {
        // The README's main job as a user runs it: the built CLI as a process, a real anvil, node processes.
        var output = await NodeProcess.RunCliAsync("demo", "--exit", "--n-shards", "10", "--size", "100000");

        Assert.Contains("stored:   100,000 bytes as blob", output, StringComparison.Ordinal);
        Assert.Contains("the bytes equal the stored ones", output, StringComparison.Ordinal);
        var folder = output.Split('\n')[0].Split(" in ")[1].Split(':')[0];
        Assert.False(Directory.Exists(folder), folder);
    }
}
