using Walrus.Core.Quilts;

namespace Walrus.Client;

/// <summary>
/// One file to put in a quilt: its identifier (unique in the quilt), its tags and its data, either bytes in memory or a
/// file read when the quilt is written (never held whole).
/// </summary>
public sealed class QuiltPatchInput
{
    private QuiltPatchInput(string identifier, ReadOnlyMemory<byte> data, string? path, IReadOnlyDictionary<string, string>? tags)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        Identifier = identifier;
        Data = data;
        Path = path;
        Tags = tags ?? new Dictionary<string, string>();
    }

    /// <summary>The identifier (Walrus's rules: see <see cref="QuiltIdentifier"/>).</summary>
    public string Identifier { get; }

    /// <summary>The data when given in memory.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The file when given as one, else null.</summary>
    public string? Path { get; }

    /// <summary>The tags (may be empty).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>A patch of bytes (referenced, not copied).</summary>
    public static QuiltPatchInput FromBytes(string identifier, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string>? tags = null) =>
        new(identifier, data, null, tags);

    /// <summary>A patch read from a file; the identifier defaults to the file's name, as in Walrus's <c>--paths</c>.</summary>
    public static QuiltPatchInput FromFile(string path, string? identifier = null, IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new(identifier ?? System.IO.Path.GetFileName(path), default, path, tags);
    }
}
