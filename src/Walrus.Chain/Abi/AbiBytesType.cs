using System.Text;

namespace Walrus.Chain.Abi;

/// <summary>bytes and string: a length word followed by the data, right-padded to a word.</summary>
internal sealed class AbiBytesType : AbiType
{
    public static readonly AbiBytesType Bytes = new(isString: false);
    public static readonly AbiBytesType String = new(isString: true);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private AbiBytesType(bool isString) => IsString = isString;

    public bool IsString { get; }

    public override string CanonicalName => IsString ? "string" : "bytes";

    public override bool IsDynamic => true;

    public override int GetEncodedSize(object? value) => WordSize + PaddedLength(GetLength(value));

    public override void Encode(object? value, Span<byte> destination)
    {
        var length = GetLength(value);
        WriteSize(destination, length);
        var payload = destination.Slice(WordSize, PaddedLength(length));
        payload.Clear();
        switch (value)
        {
            case string text when IsString:
                StrictUtf8.GetBytes(text, payload);
                break;
            case byte[] bytes when !IsString:
                bytes.CopyTo(payload);
                break;
            case ReadOnlyMemory<byte> memory when !IsString:
                memory.Span.CopyTo(payload);
                break;
            default:
                break;
        }
    }

    internal override object? Decode(ReadOnlySpan<byte> data, int offset, AbiDecodeBudget budget)
    {
        var length = ReadSize(data, offset);
        var start = offset + WordSize;
        if (length > data.Length - start)
        {
            ThrowHelper.ThrowFormat("ABI bytes longer than the data.");
        }

        budget.Charge(WordSize + (long)length);

        var payload = data.Slice(start, length);
        if (!IsString)
        {
            return payload.ToArray();
        }

        try
        {
            return StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return ThrowHelper.ThrowFormat<string>("ABI string is not valid UTF-8.");
        }
    }

    private int GetLength(object? value) => value switch
    {
        string text when IsString => StrictUtf8.GetByteCount(text),
        byte[] bytes when !IsString => bytes.Length,
        ReadOnlyMemory<byte> memory when !IsString => memory.Length,
        _ => ThrowHelper.ThrowFormat<int>($"Expected {(IsString ? "a string" : "bytes")}, got {value?.GetType().Name ?? "null"}."),
    };
}
