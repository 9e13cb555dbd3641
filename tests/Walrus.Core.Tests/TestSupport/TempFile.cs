namespace Walrus.Core.Tests.TestSupport;

/// <summary>A file in the temp folder, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(ReadOnlySpan<byte> contents = default)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "walrus-core-tests-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(Path, contents.ToArray());
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
