using Walrus.Cli.Commands;

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
}
