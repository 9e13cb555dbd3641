using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace Walrus.Core.Quilts;

/// <summary>
/// The id of a patch in a stored quilt: the quilt's blob id (32 bytes) and the patch's internal id (5 bytes), 37 bytes
/// shown as 50 characters of unpadded URL-safe base64 (as Walrus prints quilt patch ids).
/// </summary>
public readonly record struct QuiltPatchId(BlobId QuiltId, QuiltPatchInternalId Patch) : ISpanFormattable
{
    /// <summary>The length of the bytes form.</summary>
    public const int Length = BlobId.Length + QuiltPatchInternalId.Length;

    /// <summary>The length of the text form.</summary>
    public const int TextLength = 50;

    /// <summary>Writes the 37 bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            ThrowHelper.Argument(nameof(destination), $"A quilt patch id needs {Length} bytes.");
        }

        QuiltId.CopyTo(destination);
        Patch.CopyTo(destination[BlobId.Length..]);
    }

    /// <summary>The 37 bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Reads exactly 37 bytes whose internal id has version 0x01.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out QuiltPatchId id)
    {
        id = default;
        if (bytes.Length != Length || !QuiltPatchInternalId.TryRead(bytes[BlobId.Length..], out var patch))
        {
            return false;
        }

        id = new QuiltPatchId(new BlobId(bytes[..BlobId.Length]), patch);
        return true;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Base64Url.TryEncodeToChars(bytes, destination, out charsWritten);
    }

    /// <summary>Parses exactly 50 characters of unpadded URL-safe base64 (canonical: the unused low bits are zero).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out QuiltPatchId id) => TryParse(text.AsSpan(), out id);

    /// <inheritdoc cref="TryParse(string?, out QuiltPatchId)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out QuiltPatchId id)
    {
        id = default;
        Span<byte> bytes = stackalloc byte[Length];
        return text.Length == TextLength && CanonicalBase64Url.TryDecode(text, bytes) && TryRead(bytes, out id);
    }

    /// <summary>Parses the text form.</summary>
    /// <exception cref="FormatException">Not 50 characters of canonical unpadded URL-safe base64 of a version 1 patch id.</exception>
    public static QuiltPatchId Parse(string text)
    {
        if (!TryParse(text, out var id))
        {
            ThrowHelper.Format($"'{text}' is not a quilt patch id (50 characters of unpadded URL-safe base64).");
        }

        return id;
    }
}
