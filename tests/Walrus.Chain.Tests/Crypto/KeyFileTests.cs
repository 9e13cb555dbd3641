using Walrus.Chain.Crypto;
using Walrus.TestKit;

namespace Walrus.Chain.Tests.Crypto;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("walrus-keyfile-").FullName;

    [Fact]
    public async Task Written_key_file_is_owner_only_and_reads_back()
    {
        var path = Path.Combine(_directory, "wallet.json");
        using var key = TestKeys.Anvil(4);

        await KeyFile.WriteAsync(path, key, CancellationToken.None);
        using var read = await KeyFile.ReadAsync(path, CancellationToken.None);

        Assert.Equal(key.Address, read.Address);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains(key.Address.ToString(), await File.ReadAllTextAsync(path, CancellationToken.None));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    public async Task Reading_a_group_or_world_readable_key_file_is_refused(UnixFileMode extra)
    {
        var path = Path.Combine(_directory, "loose.json");
        using var key = TestKeys.Anvil(5);
        await KeyFile.WriteAsync(path, key, CancellationToken.None);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => KeyFile.ReadAsync(path, CancellationToken.None));
    }

    [Fact]
    public async Task Writing_over_an_existing_file_fails()
    {
        var path = Path.Combine(_directory, "twice.json");
        using var key = TestKeys.Anvil(6);
        await KeyFile.WriteAsync(path, key, CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => KeyFile.WriteAsync(path, key, CancellationToken.None));
    }

    [Fact]
    public async Task A_key_file_whose_address_does_not_match_its_key_is_rejected()
    {
        var path = Path.Combine(_directory, "mismatch.json");
        await File.WriteAllTextAsync(path,
            $$"""{"version":1,"address":"{{TestKeys.AnvilAddresses[1]}}","privateKey":"{{TestKeys.AnvilPrivateKeys[0]}}"}""",
            CancellationToken.None);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        await Assert.ThrowsAsync<FormatException>(() => KeyFile.ReadAsync(path, CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
