namespace Walrus.Client;

/// <summary>
/// A temporary file for blob bytes that must not stay in memory (a decoded blob, an uploaded body): created new,
/// readable by the owner only (blob data can be private), never shared, and deleted when it is closed.
/// </summary>
public static class ScratchFile
{
    /// <summary>Creates <c>{folder}/{prefix}-{random}</c>; <paramref name="folder"/> null means the system's temp folder.</summary>
    public static FileStream Create(string prefix, string? folder = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var path = Path.Combine(folder ?? Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N"));
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 1 << 16,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
