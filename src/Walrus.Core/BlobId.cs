using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using Walrus.Core.Merkle;

namespace Walrus.Core;

/// <summary>
/// The id of a blob: Blake2b-256 of (u8 encoding type || u64 LE unencoded length || Merkle root over the sliver-pair
/// hashes) (docs/protocol.md §6). Prints as 43 characters of unpadded URL-safe base64; on chain it is the u256 whose
/// little-endian bytes are these 32 bytes.
/// </summary>
public readonly record struct BlobId : ISpanFormattable
{
    /// <summary>The length of a blob id in bytes.</summary>
    public const int Length = 32;

    /// <summary>The length of the text form.</summary>
    public const int TextLength = 43;

    private readonly Bytes32 _bytes;

    /// <summary>A blob id from its 32 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public BlobId(ReadOnlySpan<byte> bytes) => _bytes = Bytes32.Read(bytes);

    private BlobId(Bytes32 bytes) => _bytes = bytes;

    /// <summary>The all-zero blob id.</summary>
    public static BlobId Zero => default;

    /// <summary>Derives a blob id from its encoding type, unencoded length and root hash (docs/protocol.md §6).</summary>
    public static BlobId Derive(EncodingType encodingType, ulong unencodedLength, MerkleNode rootHash)
    {
        Span<byte> input = stackalloc byte[1 + 8 + 32];
        input[0] = (byte)encodingType;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(input[1..], unencodedLength);
        rootHash.CopyTo(input[9..]);
        Span<byte> digest = stackalloc byte[32];
        Blake2b256.Hash(input, digest);
        return new BlobId(digest);
    }

    /// <summary>Copies the 32 bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);

    /// <summary>The 32 bytes.</summary>
    public byte[] ToArray() => _bytes.ToArray();

    /// <summary>Unpadded URL-safe base64 (43 characters), as Walrus prints blob ids.</summary>
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

    /// <summary>The 32 bytes as 64 lowercase hex digits, in byte order.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The decimal u256 that explorers show: the little-endian interpretation of the bytes.</summary>
    public string ToDecimal()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Parses the decimal u256 form (what <c>walrus convert-blob-id</c> accepts).</summary>
    public static bool TryFromDecimal([NotNullWhen(true)] string? text, out BlobId blobId)
    {
        blobId = default;
        if (string.IsNullOrEmpty(text) || text.Length > 78)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var value = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value.GetByteCount(isUnsigned: true) > Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        bytes.Clear();
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        blobId = new BlobId(bytes);
        return true;
    }

    /// <summary>Parses the decimal u256 form.</summary>
    /// <exception cref="FormatException">Not a decimal number below 2^256.</exception>
    public static BlobId FromDecimal(string text)
    {
        if (!TryFromDecimal(text, out var id))
        {
            ThrowHelper.Format($"'{text}' is not a decimal u256 blob id.");
        }

        return id;
    }

    /// <summary>
    /// Parses the text form: exactly 43 characters of unpadded URL-safe base64 whose unused low bits are zero (the
    /// canonical form Walrus prints and accepts).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out BlobId blobId) => TryParse(text.AsSpan(), out blobId);

    /// <inheritdoc cref="TryParse(string?, out BlobId)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out BlobId blobId)
    {
        blobId = default;
        Span<byte> bytes = stackalloc byte[Length];
        if (text.Length != TextLength || !CanonicalBase64Url.TryDecode(text, bytes))
        {
            return false;
        }

        blobId = new BlobId(bytes);
        return true;
    }

    /// <summary>Parses the text form.</summary>
    /// <exception cref="FormatException">Not 43 characters of canonical unpadded URL-safe base64.</exception>
    public static BlobId Parse(string text)
    {
        if (!TryParse(text, out var id))
        {
            ThrowHelper.Format($"'{text}' is not a blob id (43 characters of unpadded URL-safe base64).");
        }

        return id;
    }

    /// <summary>The blob id's bytes as a big-endian integer modulo <paramref name="modulus"/> (Horner's rule, docs/protocol.md §10).</summary>
    internal int BigEndianModulo(int modulus)
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        ulong acc = 0;
        foreach (var b in bytes)
        {
            acc = ((acc << 8) + b) % (ulong)modulus;
        }

        return (int)acc;
    }
}
