namespace Walrus.Chain.Abi;

/// <summary>
/// Bounds what one decode may produce. Every dynamic value charges its encoding's footprint (a tuple its head, an
/// array its length word and element heads, bytes and strings their length word and payload) before anything is
/// allocated; static values are paid for by the head that holds them. A canonical encoding charges exactly its own
/// length, because no two values share bytes. Offsets that point several values at the same tail (the "overlap
/// bomb": thousands of string[] entries all pointing at one long string) charge it again and again and run out
/// of budget, so decoding allocates in proportion to its input instead of multiplying it.
/// </summary>
internal sealed class AbiDecodeBudget
{
    /// <summary>The budget is this many times the input length: room for slack, still linear in the input.</summary>
    public const int Factor = 2;

    private long _remaining;

    private AbiDecodeBudget(long remaining) => _remaining = remaining;

    /// <summary>A budget for decoding <paramref name="inputLength"/> bytes.</summary>
    public static AbiDecodeBudget For(int inputLength) => new(((long)inputLength * Factor) + AbiType.WordSize);

    /// <summary>Takes <paramref name="bytes"/> from the budget; a FormatException when it runs out.</summary>
    public void Charge(long bytes)
    {
        _remaining -= bytes;
        if (_remaining < 0)
        {
            ThrowHelper.ThrowFormat($"ABI data decodes to more than {Factor} times its size: offsets overlap.");
        }
    }
}
