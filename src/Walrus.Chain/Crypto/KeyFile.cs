using System.Text.Json;
using System.Text.Json.Serialization;

namespace Walrus.Chain.Crypto;

/// <summary>
/// A key file for wallets and node keys: JSON <c>{"version":1,"address":"0x…","privateKey":"0x…"}</c>,
/// created with owner-only permissions (0600). Reading refuses a file that the group or others can read.
/// </summary>
public static class KeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes a new key file; fails if the file exists.</summary>
    public static async Task WriteAsync(string path, PrivateKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(key);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var contents = new KeyFileContents(1, key.Address.ToString(), key.ExportHex());
        await using var stream = new FileStream(path, options);
        await JsonSerializer.SerializeAsync(stream, contents, KeyFileJsonContext.Default.KeyFileContents, cancellationToken);
    }

    /// <summary>Reads a key file, refusing one that the group or others can access.</summary>
    public static async Task<PrivateKey> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                throw new UnauthorizedAccessException(
                    $"Key file '{path}' is accessible by group or others ({mode}); run chmod 600 on it.");
            }
        }

        KeyFileContents? contents;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            contents = await JsonSerializer.DeserializeAsync(stream, KeyFileJsonContext.Default.KeyFileContents, cancellationToken);
        }

        if (contents is null || contents.Version != 1 || string.IsNullOrEmpty(contents.PrivateKey))
        {
            throw new FormatException($"Key file '{path}' is not a version 1 key file.");
        }

        var key = PrivateKey.FromHex(contents.PrivateKey);
        if (!string.IsNullOrEmpty(contents.Address) && Address.Parse(contents.Address) != key.Address)
        {
            key.Dispose();
            throw new FormatException($"Key file '{path}' names address {contents.Address}, but its key is for {key.Address}.");
        }

        return key;
    }
}

/// <summary>The JSON shape of a key file.</summary>
internal sealed record KeyFileContents(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("privateKey")] string PrivateKey);

[JsonSerializable(typeof(KeyFileContents))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class KeyFileJsonContext : JsonSerializerContext;
