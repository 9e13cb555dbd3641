using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Walrus.Core.Merkle;

/// <summary>The AVX2 kernel: four inputs per pass, one per 64-bit lane of a 256-bit vector.</summary>
internal static unsafe partial class Blake2bMultiLane
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void HashAvx2(byte prefix, byte** inputs, int length, int count, byte** outputs)
    {
        var m = stackalloc ulong[(16 * 4) + 1];
        var scratch = stackalloc byte[BlockBytes];
        var lanes = stackalloc byte*[4];
        var h = stackalloc ulong[4 * 4];
        var total = length + 1;
        var blocks = BlockCount(total);
        for (var g = 0; g < count; g += 4)
        {
            var active = Math.Min(4, count - g);
            for (var l = 0; l < 4; l++)
            {
                lanes[l] = inputs[g + Math.Min(l, active - 1)];
            }

            var s = new State4
            {
                H0 = Vector256.Create(Param0),
                H1 = Vector256.Create(Iv1),
                H2 = Vector256.Create(Iv2),
                H3 = Vector256.Create(Iv3),
                H4 = Vector256.Create(Iv4),
                H5 = Vector256.Create(Iv5),
                H6 = Vector256.Create(Iv6),
                H7 = Vector256.Create(Iv7),
            };
            for (var b = 0; b < blocks; b++)
            {
                for (var l = 0; l < 4; l++)
                {
                    LoadWords(prefix, lanes[l], length, b, m + l, 4, scratch);
                }

                CompressAvx2(ref s, m, Counter(b, blocks, total), b == blocks - 1);
            }

            s.H0.Store(h);
            s.H1.Store(h + 4);
            s.H2.Store(h + 8);
            s.H3.Store(h + 12);
            for (var l = 0; l < active; l++)
            {
                var digest = (ulong*)outputs[g + l];
                for (var w = 0; w < 4; w++)
                {
                    Unsafe.WriteUnaligned(digest + w, h[(w * 4) + l]);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void CompressAvx2(ref State4 s, ulong* m, ulong t, bool last)
    {
        Vector256<ulong> v0 = s.H0, v1 = s.H1, v2 = s.H2, v3 = s.H3, v4 = s.H4, v5 = s.H5, v6 = s.H6, v7 = s.H7;
        var v8 = Vector256.Create(Iv0);
        var v9 = Vector256.Create(Iv1);
        var v10 = Vector256.Create(Iv2);
        var v11 = Vector256.Create(Iv3);
        var v12 = Vector256.Create(Iv4 ^ t);
        var v13 = Vector256.Create(Iv5);
        var v14 = Vector256.Create(last ? ~Iv6 : Iv6);
        var v15 = Vector256.Create(Iv7);
        // Round 0
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 0), M4(m, 1));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 2), M4(m, 3));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 4), M4(m, 5));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 6), M4(m, 7));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 8), M4(m, 9));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 10), M4(m, 11));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 12), M4(m, 13));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 14), M4(m, 15));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 1
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 14), M4(m, 10));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 4), M4(m, 8));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 9), M4(m, 15));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 13), M4(m, 6));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 1), M4(m, 12));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 0), M4(m, 2));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 11), M4(m, 7));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 5), M4(m, 3));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 2
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 11), M4(m, 8));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 12), M4(m, 0));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 5), M4(m, 2));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 15), M4(m, 13));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 10), M4(m, 14));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 3), M4(m, 6));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 7), M4(m, 1));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 9), M4(m, 4));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 3
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 7), M4(m, 9));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 3), M4(m, 1));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 13), M4(m, 12));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 11), M4(m, 14));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 2), M4(m, 6));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 5), M4(m, 10));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 4), M4(m, 0));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 15), M4(m, 8));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 4
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 9), M4(m, 0));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 5), M4(m, 7));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 2), M4(m, 4));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 10), M4(m, 15));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 14), M4(m, 1));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 11), M4(m, 12));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 6), M4(m, 8));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 3), M4(m, 13));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 5
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 2), M4(m, 12));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 6), M4(m, 10));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 0), M4(m, 11));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 8), M4(m, 3));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 4), M4(m, 13));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 7), M4(m, 5));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 15), M4(m, 14));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 1), M4(m, 9));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 6
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 12), M4(m, 5));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 1), M4(m, 15));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 14), M4(m, 13));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 4), M4(m, 10));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 0), M4(m, 7));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 6), M4(m, 3));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 9), M4(m, 2));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 8), M4(m, 11));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 7
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 13), M4(m, 11));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 7), M4(m, 14));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 12), M4(m, 1));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 3), M4(m, 9));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 5), M4(m, 0));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 15), M4(m, 4));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 8), M4(m, 6));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 2), M4(m, 10));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 8
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 6), M4(m, 15));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 14), M4(m, 9));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 11), M4(m, 3));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 0), M4(m, 8));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 12), M4(m, 2));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 13), M4(m, 7));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 1), M4(m, 4));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 10), M4(m, 5));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 9
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 10), M4(m, 2));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 8), M4(m, 4));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 7), M4(m, 6));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 1), M4(m, 5));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 15), M4(m, 11));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 9), M4(m, 14));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 3), M4(m, 12));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 13), M4(m, 0));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 10
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 0), M4(m, 1));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 2), M4(m, 3));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 4), M4(m, 5));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 6), M4(m, 7));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 8), M4(m, 9));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 10), M4(m, 11));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 12), M4(m, 13));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 14), M4(m, 15));
        m[64] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 11
        G(ref v0, ref v4, ref v8, ref v12, M4(m, 14), M4(m, 10));
        G(ref v1, ref v5, ref v9, ref v13, M4(m, 4), M4(m, 8));
        G(ref v2, ref v6, ref v10, ref v14, M4(m, 9), M4(m, 15));
        G(ref v3, ref v7, ref v11, ref v15, M4(m, 13), M4(m, 6));
        G(ref v0, ref v5, ref v10, ref v15, M4(m, 1), M4(m, 12));
        G(ref v1, ref v6, ref v11, ref v12, M4(m, 0), M4(m, 2));
        G(ref v2, ref v7, ref v8, ref v13, M4(m, 11), M4(m, 7));
        G(ref v3, ref v4, ref v9, ref v14, M4(m, 5), M4(m, 3));
        s.H0 ^= v0 ^ v8;
        s.H1 ^= v1 ^ v9;
        s.H2 ^= v2 ^ v10;
        s.H3 ^= v3 ^ v11;
        s.H4 ^= v4 ^ v12;
        s.H5 ^= v5 ^ v13;
        s.H6 ^= v6 ^ v14;
        s.H7 ^= v7 ^ v15;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> M4(ulong* m, int word) => Vector256.Load(m + (4 * word));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(ref Vector256<ulong> a, ref Vector256<ulong> b, ref Vector256<ulong> c, ref Vector256<ulong> d, Vector256<ulong> x, Vector256<ulong> y)
    {
        a = a + b + x;
        d = Avx2.Shuffle((d ^ a).AsUInt32(), 0b10_11_00_01).AsUInt64();
        c += d;
        b = Avx2.Shuffle((b ^ c).AsByte(), Rotate24).AsUInt64();
        a = a + b + y;
        d = Avx2.Shuffle((d ^ a).AsByte(), Rotate16).AsUInt64();
        c += d;
        var e = b ^ c;
        b = Avx2.ShiftRightLogical(e, 63) | (e + e);
    }

    private static Vector256<byte> Rotate24
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(
            (byte)3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
    }

    private static Vector256<byte> Rotate16
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(
            (byte)2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);
    }

    private struct State4
    {
        public Vector256<ulong> H0;
        public Vector256<ulong> H1;
        public Vector256<ulong> H2;
        public Vector256<ulong> H3;
        public Vector256<ulong> H4;
        public Vector256<ulong> H5;
        public Vector256<ulong> H6;
        public Vector256<ulong> H7;
    }
}
