namespace Walrus.Cli.Tests;

public class ProgramTests
{
    [Fact]
    public void Help_lists_the_commands()
    {
        var (exitCode, output, _) = CliRunner.Run("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("demo", output, StringComparison.Ordinal);
        Assert.Contains("blob-id", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_exits_non_zero_and_names_it()
    {
        var (exitCode, _, error) = CliRunner.Run("frobnicate");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("frobnicate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_flag_exits_non_zero_and_names_it()
    {
        var (exitCode, _, error) = CliRunner.Run("demo", "--no-such-flag");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--no-such-flag", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_with_a_malformed_value_exits_non_zero()
    {
        var (exitCode, _, error) = CliRunner.Run("demo", "--n-shards", "many");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("many", error, StringComparison.Ordinal);
    }
}
