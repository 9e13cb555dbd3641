using System.Runtime.CompilerServices;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// GF(2^16) of reed-solomon-simd 3.1: polynomial 0x1002D, elements stored as coordinates in the Cantor basis
/// (docs/protocol.md §4). Tables are built once per process on first use.
/// </summary>
/// <remarks>
/// "Logs" live in [0, 65535]. As a multiplier both 0 and 65535 mean one; as the output of
/// <see cref="Log"/>[0] 65535 means the element zero. The FFT kernels treat a skew value of 65535 as "twiddle is zero".
/// </remarks>
internal static class Gf16
{
    public const int Bits = 16;
    public const int Order = 65536;
    public const int Modulus = 65535;
    public const int Polynomial = 0x1002D;

    /// <summary>The Cantor basis v_0..v_15 in polynomial-basis coordinates.</summary>
    public static ReadOnlySpan<ushort> CantorBasis =>
    [
        0x0001, 0xACCA, 0x3C0E, 0x163E, 0xC582, 0xED2E, 0x914C, 0x4012,
        0x6C98, 0x10D8, 0x6A72, 0xB900, 0xFDB8, 0xFB34, 0xFF38, 0x991E,
    ];

    /// <summary>exp[k] = α^k in Cantor coordinates for k in [0, 65534]; exp[65535] = 1.</summary>
    public static ushort[] Exp => Tables.Exp;

    /// <summary>log[v] = discrete log of v for v ≠ 0; log[0] = 65535.</summary>
    public static ushort[] Log => Tables.Log;

    /// <summary>The 65,535 FFT twiddles in log form; 65535 means the twiddle is zero.</summary>
    public static ushort[] Skew => Tables.Skew;

    /// <summary>FWHT of <see cref="Log"/> with entry 0 set to 0 (the crate's log-Walsh table).</summary>
    public static ushort[] LogWalsh => LogWalshTable.Values;

    /// <summary>(x + y) mod 65535 in ones'-complement style; 0 may come out as 0 or 65535.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort AddMod(uint x, uint y)
    {
        var s = x + y;
        return (ushort)(s + (s >> 16));
    }

    /// <summary>(x − y) mod 65535: x − y when x ≥ y, else x − y + 65535.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort SubMod(uint x, uint y)
    {
        var d = x - y;
        return (ushort)(d + (d >> 16));
    }

    /// <summary>Multiplies element <paramref name="x"/> by the element whose log is <paramref name="logM"/> (0 and 65535 are one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Mul(ushort x, ushort logM)
    {
        if (x == 0)
        {
            return 0;
        }

        var t = Tables.Exp;
        return t[AddMod(Tables.Log[x], logM)];
    }

    /// <summary>The products of the 16 basis elements 1 &lt;&lt; j by the element with log <paramref name="logM"/>: column j of the multiplication matrix.</summary>
    public static void BasisProducts(ushort logM, Span<ushort> products)
    {
        for (var j = 0; j < 16; j++)
        {
            products[j] = Mul((ushort)(1 << j), logM);
        }
    }

    /// <summary>The plain radix-2 Walsh-Hadamard transform mod 65535 of the crate (add_mod / sub_mod butterflies), any power-of-two length.</summary>
    public static void FwhtReference(Span<ushort> data)
    {
        for (var dist = 1; dist < data.Length; dist <<= 1)
        {
            for (var r = 0; r < data.Length; r += dist << 1)
            {
                for (var i = r; i < r + dist; i++)
                {
                    uint a = data[i];
                    uint b = data[i + dist];
                    data[i] = AddMod(a, b);
                    data[i + dist] = SubMod(a, b);
                }
            }
        }
    }

    private static class Tables
    {
        public static readonly ushort[] Exp = new ushort[Order];
        public static readonly ushort[] Log = new ushort[Order];
        public static readonly ushort[] Skew = new ushort[Modulus];

#pragma warning disable CA1810 // The tables depend on each other; one static constructor builds them in order.
        static Tables()
#pragma warning restore CA1810
        {
            BuildExpLog(Exp, Log);
            BuildSkew(Exp, Log, Skew);
        }

        private static void BuildExpLog(ushort[] exp, ushort[] log)
        {
            // 1. Polynomial-basis discrete log, kept in exp for now.
            uint state = 1;
            for (uint i = 0; i < Modulus; i++)
            {
                exp[state] = (ushort)i;
                state <<= 1;
                if (state >= Order)
                {
                    state ^= Polynomial;
                }
            }

            exp[0] = Modulus;

            // 2. Cantor-coordinates to polynomial-basis map, kept in log for now.
            log[0] = 0;
            var basis = CantorBasis;
            for (var b = 0; b < Bits; b++)
            {
                var width = 1 << b;
                for (var j = 0; j < width; j++)
                {
                    log[j + width] = (ushort)(log[j] ^ basis[b]);
                }
            }

            // 3. log[v] = plog[cant[v]].
            for (var v = 0; v < Order; v++)
            {
                log[v] = exp[log[v]];
            }

            // 4. exp[log[v]] = v, ascending; then exp[65535] = exp[0].
            for (var v = 0; v < Order; v++)
            {
                exp[log[v]] = (ushort)v;
            }

            exp[Modulus] = exp[0];
        }

        private static ushort MulWith(ushort[] exp, ushort[] log, ushort x, ushort logM) =>
            x == 0 ? (ushort)0 : exp[AddMod(log[x], logM)];

        private static void BuildSkew(ushort[] exp, ushort[] log, ushort[] skew)
        {
            Span<ushort> temp = stackalloc ushort[Bits - 1];
            for (var i = 0; i < Bits - 1; i++)
            {
                temp[i] = (ushort)(1 << (i + 1));
            }

            for (var m = 0; m < Bits - 1; m++)
            {
                var step = 1 << (m + 1);
                skew[(1 << m) - 1] = 0;
                for (var i = m; i < Bits - 1; i++)
                {
                    var s = 1 << (i + 1);
                    for (var j = (1 << m) - 1; j < s; j += step)
                    {
                        skew[j + s] = (ushort)(skew[j] ^ temp[i]);
                    }
                }

                temp[m] = (ushort)(Modulus - log[MulWith(exp, log, temp[m], log[temp[m] ^ 1])]);
                for (var i = m + 1; i < Bits - 1; i++)
                {
                    temp[i] = MulWith(exp, log, temp[i], AddMod(log[temp[i] ^ 1], temp[m]));
                }
            }

            for (var i = 0; i < Modulus; i++)
            {
                skew[i] = log[skew[i]];
            }
        }
    }

    private static class LogWalshTable
    {
        public static readonly ushort[] Values = Build();

        private static ushort[] Build()
        {
            var values = (ushort[])Tables.Log.Clone();
            values[0] = 0;
            FwhtReference(values);
            return values;
        }
    }
}
