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
        if (text.Length != TextLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return false;
            }
        }

        Span<byte> bytes = stackalloc byte[Length + 1];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != Length)
        {
            return false;
        }

        // 50 characters carry 300 bits for 296: the last character's 4 low bits must be zero (the canonical form).
        var last = text[^1];
        var value = last switch
        {
            >= 'A' and <= 'Z' => last - 'A',
            >= 'a' and <= 'z' => last - 'a' + 26,
            >= '0' and <= '9' => last - '0' + 52,
            '-' => 62,
            _ => 63,
        };
        return (value & 0xf) == 0 && TryRead(bytes[..Length], out id);
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
