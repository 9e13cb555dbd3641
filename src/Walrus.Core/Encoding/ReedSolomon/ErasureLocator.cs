using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// Evaluates the erasure locator in log form (the crate's <c>eval_poly</c>, docs/protocol.md §4) on the first n
/// work positions: value[i] ≡ Σ over erased j ≠ i of log(ω_i + ω_j) (mod 65535).
/// </summary>
/// <remarks>
/// The crate runs two 65,536-point Walsh-Hadamard transforms. Only the residues mod 65535 reach the output
/// (0 and 65535 both multiply by one), so an n-point dyadic convolution gives the same bytes: positions ≥ n are
/// either all erased (low rate) or none (high rate), and for i &lt; n, j ↦ i ^ j permutes [n, 65536), so their
/// part is the constant Σ_{k ≥ n} log[k]. The n-point transform applied twice is n·I, and 1/n = 2^(16 − log2 n)
/// mod 65535, a 16-bit rotation.
/// </remarks>
internal static class ErasureLocator
{
    private static readonly ushort[]?[] LogWalshBySize = new ushort[]?[17];
    private static readonly ushort[] LogTailSums = BuildLogTailSums();

    /// <summary>
    /// In: values[i] = 1 if position i is erased, else 0, for i &lt; n = values.Length (a power of two ≤ 65536).
    /// Out: the locator's log values. <paramref name="erasedBeyond"/> says whether every position ≥ n is erased.
    /// </summary>
    public static void Evaluate(Span<ushort> values, bool erasedBeyond)
    {
        var n = values.Length;
        var k = BitOperations.Log2((uint)n);
        var logWalsh = LogWalshForSize(k);

        Fwht(values);
        MulMod(values, logWalsh);
        Fwht(values);

        var rotate = (16 - k) & 15;
        var add = erasedBeyond ? LogTailSums[k] : (ushort)0;
        FinishScale(values, rotate, add);
    }

    /// <summary>The crate's literal algorithm on all 65,536 positions (reference for tests): FWHT, times the log-Walsh table, FWHT.</summary>
    public static void EvaluateReference(Span<ushort> erasures65536)
    {
        Gf16.FwhtReference(erasures65536);
        var logWalsh = Gf16.LogWalsh;
        for (var i = 0; i < Gf16.Order; i++)
        {
            var p = (uint)erasures65536[i] * logWalsh[i];
            erasures65536[i] = Gf16.AddMod(p & 0xFFFF, p >> 16);
        }

        Gf16.FwhtReference(erasures65536);
    }

    /// <summary>The Walsh-Hadamard transform mod 65535 (same residues as <see cref="Gf16.FwhtReference"/>), vectorized.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fwht(Span<ushort> data)
    {
        var n = data.Length;
        if (Avx512BW.IsSupported && n >= 64)
        {
            FwhtAvx512(data);
            return;
        }

        var dist = 1;
        if (Vector256.IsHardwareAccelerated && n >= 32)
        {
            for (; dist < Vector256<ushort>.Count; dist <<= 1)
            {
                FwhtLayerScalar(data, dist);
            }

            ref var d0 = ref MemoryMarshal.GetReference(data);
            for (; dist < n; dist <<= 1)
            {
                for (var r = 0; r < n; r += dist << 1)
                {
                    for (var i = r; i < r + dist; i += Vector256<ushort>.Count)
                    {
                        var a = Vector256.LoadUnsafe(ref d0, (nuint)i);
                        var b = Vector256.LoadUnsafe(ref d0, (nuint)(i + dist));
                        AddMod(a, b).StoreUnsafe(ref d0, (nuint)i);
                        SubMod(a, b).StoreUnsafe(ref d0, (nuint)(i + dist));
                    }
                }
            }

            return;
        }

        for (; dist < n; dist <<= 1)
        {
            FwhtLayerScalar(data, dist);
        }
    }

    private static void FwhtLayerScalar(Span<ushort> data, int dist)
    {
        for (var r = 0; r < data.Length; r += dist << 1)
        {
            for (var i = r; i < r + dist; i++)
            {
                uint a = data[i];
                uint b = data[i + dist];
                data[i] = Gf16.AddMod(a, b);
                data[i + dist] = Gf16.SubMod(a, b);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FwhtAvx512(Span<ushort> data)
    {
        var n = data.Length;
        ref var d0 = ref MemoryMarshal.GetReference(data);

        // Layers with dist 1..16 act inside one 32-lane vector: the partner lane is l ^ dist.
        var lane = Vector512.Create(
            (ushort)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        var p1 = lane ^ Vector512.Create((ushort)1);
        var p2 = lane ^ Vector512.Create((ushort)2);
        var p4 = lane ^ Vector512.Create((ushort)4);
        var p8 = lane ^ Vector512.Create((ushort)8);
        var p16 = lane ^ Vector512.Create((ushort)16);
        var m1 = Vector512.Equals(lane & Vector512.Create((ushort)1), Vector512.Create((ushort)1));
        var m2 = Vector512.Equals(lane & Vector512.Create((ushort)2), Vector512.Create((ushort)2));
        var m4 = Vector512.Equals(lane & Vector512.Create((ushort)4), Vector512.Create((ushort)4));
        var m8 = Vector512.Equals(lane & Vector512.Create((ushort)8), Vector512.Create((ushort)8));
        var m16 = Vector512.Equals(lane & Vector512.Create((ushort)16), Vector512.Create((ushort)16));
        for (var i = 0; i < n; i += 32)
        {
            var x = Vector512.LoadUnsafe(ref d0, (nuint)i);
            x = InLane(x, p1, m1);
            x = InLane(x, p2, m2);
            x = InLane(x, p4, m4);
            x = InLane(x, p8, m8);
            x = InLane(x, p16, m16);
            x.StoreUnsafe(ref d0, (nuint)i);
        }

        // Remaining layers two at a time (radix 4), then one more if their count is odd.
        var dist = 32;
        for (; dist * 4 <= n; dist <<= 2)
        {
            for (var r = 0; r < n; r += dist << 2)
            {
                for (var i = r; i < r + dist; i += 32)
                {
                    var a = Vector512.LoadUnsafe(ref d0, (nuint)i);
                    var b = Vector512.LoadUnsafe(ref d0, (nuint)(i + dist));
                    var c = Vector512.LoadUnsafe(ref d0, (nuint)(i + (2 * dist)));
                    var d = Vector512.LoadUnsafe(ref d0, (nuint)(i + (3 * dist)));
                    var a1 = AddMod(a, b);
                    var b1 = SubMod(a, b);
                    var c1 = AddMod(c, d);
                    var d1 = SubMod(c, d);
                    AddMod(a1, c1).StoreUnsafe(ref d0, (nuint)i);
                    AddMod(b1, d1).StoreUnsafe(ref d0, (nuint)(i + dist));
                    SubMod(a1, c1).StoreUnsafe(ref d0, (nuint)(i + (2 * dist)));
                    SubMod(b1, d1).StoreUnsafe(ref d0, (nuint)(i + (3 * dist)));
                }
            }
        }

        if (dist < n)
        {
            for (var i = 0; i < dist; i += 32)
            {
                var a = Vector512.LoadUnsafe(ref d0, (nuint)i);
                var b = Vector512.LoadUnsafe(ref d0, (nuint)(i + dist));
                AddMod(a, b).StoreUnsafe(ref d0, (nuint)i);
                SubMod(a, b).StoreUnsafe(ref d0, (nuint)(i + dist));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> InLane(Vector512<ushort> x, Vector512<ushort> partnerIndex, Vector512<ushort> upperMask)
    {
        var partner = Avx512BW.PermuteVar32x16(x, partnerIndex);
        return Vector512.ConditionalSelect(upperMask, SubMod(partner, x), AddMod(x, partner));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> AddMod(Vector512<ushort> a, Vector512<ushort> b)
    {
        var s = a + b;
        return s - Vector512.LessThan(s, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> SubMod(Vector512<ushort> a, Vector512<ushort> b) => a - b + Vector512.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> AddMod(Vector256<ushort> a, Vector256<ushort> b)
    {
        var s = a + b;
        return s - Vector256.LessThan(s, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> SubMod(Vector256<ushort> a, Vector256<ushort> b) => a - b + Vector256.LessThan(a, b);

    /// <summary>values[i] = values[i] · factors[i] mod 65535, folded like the crate (32-bit product, then add_mod of its halves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MulMod(Span<ushort> values, ReadOnlySpan<ushort> factors)
    {
        var n = values.Length;
        var i = 0;
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var f0 = ref MemoryMarshal.GetReference(factors);
        if (Avx512BW.IsSupported)
        {
            for (; i + 32 <= n; i += 32)
            {
                var a = Vector512.LoadUnsafe(ref v0, (nuint)i);
                var b = Vector512.LoadUnsafe(ref f0, (nuint)i);
                AddMod(a * b, Avx512BW.MultiplyHigh(a, b)).StoreUnsafe(ref v0, (nuint)i);
            }
        }
        else if (Avx2.IsSupported)
        {
            for (; i + 16 <= n; i += 16)
            {
                var a = Vector256.LoadUnsafe(ref v0, (nuint)i);
                var b = Vector256.LoadUnsafe(ref f0, (nuint)i);
                AddMod(a * b, Avx2.MultiplyHigh(a, b)).StoreUnsafe(ref v0, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            var p = (uint)values[i] * factors[i];
            values[i] = Gf16.AddMod(p & 0xFFFF, p >> 16);
        }
    }

    /// <summary>values[i] = values[i] · 2^rotate + add (mod 65535); multiplying by a power of two is a 16-bit rotation.</summary>
    private static void FinishScale(Span<ushort> values, int rotate, ushort add)
    {
        if (rotate == 0 && add == 0)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            uint v = values[i];
            v = ((v << rotate) | (v >> (16 - rotate))) & 0xFFFF;
            values[i] = Gf16.AddMod(v, add);
        }
    }

    private static ushort[] LogWalshForSize(int k)
    {
        var table = Volatile.Read(ref LogWalshBySize[k]);
        if (table is not null)
        {
            return table;
        }

        if (k == 16)
        {
            table = Gf16.LogWalsh;
        }
        else
        {
            table = new ushort[1 << k];
            Gf16.Log.AsSpan(0, 1 << k).CopyTo(table);
            table[0] = 0;
            Gf16.FwhtReference(table);
        }

        return Interlocked.CompareExchange(ref LogWalshBySize[k], table, null) ?? table;
    }

    /// <summary>sums[k] = Σ_{i ≥ 2^k} log[i] mod 65535, the locator's part from the erased positions beyond 2^k.</summary>
    private static ushort[] BuildLogTailSums()
    {
        var log = Gf16.Log;
        var sums = new ushort[17];
        ulong sum = 0;
        for (var i = Gf16.Order - 1; i >= 1; i--)
        {
            sum += log[i];
            if ((i & (i - 1)) == 0)
            {
                sums[BitOperations.Log2((uint)i)] = (ushort)(sum % Gf16.Modulus);
            }
        }

        return sums;
    }
}
