using Walrus.Core.Encoding;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Tests.Encoding;

public sealed class SymbolPackingTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 333)]
    [InlineData(6, 40)]
    [InlineData(62, 9)]
    [InlineData(64, 5)]
    [InlineData(66, 17)]
    [InlineData(130, 3)]
    [InlineData(152, 64)]
    public unsafe void Packing_round_trips_and_keeps_every_symbol_element_in_one_lane(int symbolSize, int count)
    {
        var random = new Random(symbolSize * 1000 + count);
        var symbols = new byte[symbolSize * count];
        random.NextBytes(symbols);
        var packed = new byte[SymbolPacking.PackedSize(count, symbolSize)];
        var back = new byte[symbols.Length];
        Assert.Equal(0, packed.Length % 64);
        fixed (byte* s = symbols)
        fixed (byte* p = packed)
        fixed (byte* b = back)
        {
            for (var i = 0; i < count; i++)
            {
                SymbolPacking.Pack(s + (i * symbolSize), symbolSize, count, i, p);
            }

            for (var i = 0; i < count; i++)
            {
                SymbolPacking.Unpack(p, symbolSize, count, i, b + (i * symbolSize));
            }
        }

        Assert.Equal(symbols, back);

        // Encoding the packed shards gives, symbol by symbol, what encoding each symbol as its own shard gives.
        var encoder = new ReedSolomonEncoder(3, 4);
        var originals = new byte[3 * packed.Length];
        var perSymbol = new byte[3 * symbolSize];
        var expected = new byte[4 * symbolSize];
        var packedRecovery = new byte[4 * packed.Length];
        random.NextBytes(originals);
        fixed (byte* o = originals)
        {
            encoder.Encode(originals, packedRecovery, packed.Length);
            for (var i = 0; i < count; i++)
            {
                fixed (byte* ps = perSymbol)
                fixed (byte* pr = packedRecovery)
                fixed (byte* e = expected)
                {
                    for (var j = 0; j < 3; j++)
                    {
                        SymbolPacking.Unpack(o + (j * packed.Length), symbolSize, count, i, ps + (j * symbolSize));
                    }

                    encoder.Encode(perSymbol, expected, symbolSize);
                    var actual = new byte[symbolSize];
                    for (var j = 0; j < 4; j++)
                    {
                        fixed (byte* a = actual)
                        {
                            SymbolPacking.Unpack(pr + (j * packed.Length), symbolSize, count, i, a);
                        }

                        Assert.Equal(expected.AsSpan(j * symbolSize, symbolSize).ToArray(), actual);
                    }
                }
            }
        }
    }
}
