using Walrus.Cli.Commands;

namespace Walrus.Cli.Tests;

/// <summary>The quilt commands' argument handling, which needs no network.</summary>
public sealed class QuiltCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("walrus-quilt-args-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Help_lists_the_quilt_commands()
    {
        var (exitCode, output, _) = CliRunner.Run("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("store-quilt", output, StringComparison.Ordinal);
        Assert.Contains("read-quilt", output, StringComparison.Ordinal);
        Assert.Contains("list-patches-in-quilt", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_take_files_and_directories_recursively_named_by_file_name()
    {
        var sub = Directory.CreateDirectory(Path.Combine(_dir, "a", "b")).FullName;
        File.WriteAllBytes(Path.Combine(_dir, "a", "x.txt"), [1]);
        File.WriteAllBytes(Path.Combine(sub, "y.txt"), [2]);
        var single = Path.Combine(_dir, "z.txt");
        File.WriteAllBytes(single, [3]);

        var patches = StoreQuiltCommand.FromPaths([Path.Combine(_dir, "a"), single]);

        Assert.Equal(["x.txt", "y.txt", "z.txt"], patches.Select(p => p.Identifier).Order(StringComparer.Ordinal));
        Assert.Throws<FileNotFoundException>(() => StoreQuiltCommand.FromPaths([Path.Combine(_dir, "missing")]));
    }

    [Fact]
    public void Blobs_json_gives_path_identifier_and_tags_and_bad_json_is_refused_by_name()
    {
        var file = Path.Combine(_dir, "f.bin");
        File.WriteAllBytes(file, [9]);
        var spec = "{\"path\":" + System.Text.Json.JsonSerializer.Serialize(file) + ",\"identifier\":\"logo\",\"tags\":{\"content-type\":\"image/png\"}}";

        var patch = Assert.Single(StoreQuiltCommand.FromJson([spec]));

        Assert.Equal("logo", patch.Identifier);
        Assert.Equal(file, patch.Path);
        Assert.Equal("image/png", patch.Tags["content-type"]);
        Assert.Equal("f.bin", Assert.Single(StoreQuiltCommand.FromJson(["{\"path\":" + System.Text.Json.JsonSerializer.Serialize(file) + "}"])).Identifier);
        Assert.Contains("path", Assert.Throws<ArgumentException>(() => StoreQuiltCommand.FromJson(["{\"identifier\":\"x\"}"])).Message, StringComparison.Ordinal);
        Assert.Contains("tag", Assert.Throws<ArgumentException>(() => StoreQuiltCommand.FromJson(["{\"path\":" + System.Text.Json.JsonSerializer.Serialize(file) + ",\"tags\":{\"k\":1}}"])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    public void A_patch_identifier_cannot_write_outside_the_output_directory(string identifier)
    {
        Assert.Throws<ArgumentException>(() => ReadQuiltCommand.PatchPath(new DirectoryInfo(_dir), identifier));
    }

    [Fact]
    public void A_patch_identifier_names_a_file_inside_the_output_directory()
    {
        Assert.Equal(Path.Combine(_dir, "site", "index.html"), ReadQuiltCommand.PatchPath(new DirectoryInfo(_dir), "site/index.html"));
    }

    [Theory]
    [InlineData("read-quilt")]
    [InlineData("read-quilt", "--quilt-id", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("read-quilt", "--quilt-id", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "--identifiers", "a", "--tag", "k", "v")]
    [InlineData("store-quilt")]
    public void Contradictory_or_missing_selections_exit_non_zero_with_the_usage(params string[] args)
    {
        var (exitCode, _, _) = CliRunner.Run([.. args, "--config", Path.Combine(_dir, "none.json")]);

        Assert.NotEqual(0, exitCode);
    }
}
