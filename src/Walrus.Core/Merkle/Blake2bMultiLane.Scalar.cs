using System.Numerics;
using System.Runtime.CompilerServices;

namespace Walrus.Core.Merkle;

/// <summary>The scalar kernel: one input at a time, the reference for the SIMD kernels.</summary>
internal static unsafe partial class Blake2bMultiLane
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void HashScalar(byte prefix, byte** inputs, int length, int count, byte** outputs)
    {
        var m = stackalloc ulong[16 + 1];
        var scratch = stackalloc byte[BlockBytes];
        var h = stackalloc ulong[8];
        var total = length + 1;
        var blocks = BlockCount(total);
        for (var i = 0; i < count; i++)
        {
            h[0] = Param0;
            h[1] = Iv1;
            h[2] = Iv2;
            h[3] = Iv3;
            h[4] = Iv4;
            h[5] = Iv5;
            h[6] = Iv6;
            h[7] = Iv7;
            for (var b = 0; b < blocks; b++)
            {
                LoadWords(prefix, inputs[i], length, b, m, 1, scratch);
                CompressScalar(h, m, Counter(b, blocks, total), b == blocks - 1);
            }

            var digest = (ulong*)outputs[i];
            for (var w = 0; w < 4; w++)
            {
                Unsafe.WriteUnaligned(digest + w, h[w]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void CompressScalar(ulong* h, ulong* m, ulong t, bool last)
    {
        ulong v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        ulong v8 = Iv0, v9 = Iv1, v10 = Iv2, v11 = Iv3, v12 = Iv4 ^ t, v13 = Iv5, v14 = last ? ~Iv6 : Iv6, v15 = Iv7;
        // Round 0
        G(ref v0, ref v4, ref v8, ref v12, m[0], m[1]);
        G(ref v1, ref v5, ref v9, ref v13, m[2], m[3]);
        G(ref v2, ref v6, ref v10, ref v14, m[4], m[5]);
        G(ref v3, ref v7, ref v11, ref v15, m[6], m[7]);
        G(ref v0, ref v5, ref v10, ref v15, m[8], m[9]);
        G(ref v1, ref v6, ref v11, ref v12, m[10], m[11]);
        G(ref v2, ref v7, ref v8, ref v13, m[12], m[13]);
        G(ref v3, ref v4, ref v9, ref v14, m[14], m[15]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 1
        G(ref v0, ref v4, ref v8, ref v12, m[14], m[10]);
        G(ref v1, ref v5, ref v9, ref v13, m[4], m[8]);
        G(ref v2, ref v6, ref v10, ref v14, m[9], m[15]);
        G(ref v3, ref v7, ref v11, ref v15, m[13], m[6]);
        G(ref v0, ref v5, ref v10, ref v15, m[1], m[12]);
        G(ref v1, ref v6, ref v11, ref v12, m[0], m[2]);
        G(ref v2, ref v7, ref v8, ref v13, m[11], m[7]);
        G(ref v3, ref v4, ref v9, ref v14, m[5], m[3]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 2
        G(ref v0, ref v4, ref v8, ref v12, m[11], m[8]);
        G(ref v1, ref v5, ref v9, ref v13, m[12], m[0]);
        G(ref v2, ref v6, ref v10, ref v14, m[5], m[2]);
        G(ref v3, ref v7, ref v11, ref v15, m[15], m[13]);
        G(ref v0, ref v5, ref v10, ref v15, m[10], m[14]);
        G(ref v1, ref v6, ref v11, ref v12, m[3], m[6]);
        G(ref v2, ref v7, ref v8, ref v13, m[7], m[1]);
        G(ref v3, ref v4, ref v9, ref v14, m[9], m[4]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 3
        G(ref v0, ref v4, ref v8, ref v12, m[7], m[9]);
        G(ref v1, ref v5, ref v9, ref v13, m[3], m[1]);
        G(ref v2, ref v6, ref v10, ref v14, m[13], m[12]);
        G(ref v3, ref v7, ref v11, ref v15, m[11], m[14]);
        G(ref v0, ref v5, ref v10, ref v15, m[2], m[6]);
        G(ref v1, ref v6, ref v11, ref v12, m[5], m[10]);
        G(ref v2, ref v7, ref v8, ref v13, m[4], m[0]);
        G(ref v3, ref v4, ref v9, ref v14, m[15], m[8]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 4
        G(ref v0, ref v4, ref v8, ref v12, m[9], m[0]);
        G(ref v1, ref v5, ref v9, ref v13, m[5], m[7]);
        G(ref v2, ref v6, ref v10, ref v14, m[2], m[4]);
        G(ref v3, ref v7, ref v11, ref v15, m[10], m[15]);
        G(ref v0, ref v5, ref v10, ref v15, m[14], m[1]);
        G(ref v1, ref v6, ref v11, ref v12, m[11], m[12]);
        G(ref v2, ref v7, ref v8, ref v13, m[6], m[8]);
        G(ref v3, ref v4, ref v9, ref v14, m[3], m[13]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 5
        G(ref v0, ref v4, ref v8, ref v12, m[2], m[12]);
        G(ref v1, ref v5, ref v9, ref v13, m[6], m[10]);
        G(ref v2, ref v6, ref v10, ref v14, m[0], m[11]);
        G(ref v3, ref v7, ref v11, ref v15, m[8], m[3]);
        G(ref v0, ref v5, ref v10, ref v15, m[4], m[13]);
        G(ref v1, ref v6, ref v11, ref v12, m[7], m[5]);
        G(ref v2, ref v7, ref v8, ref v13, m[15], m[14]);
        G(ref v3, ref v4, ref v9, ref v14, m[1], m[9]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 6
        G(ref v0, ref v4, ref v8, ref v12, m[12], m[5]);
        G(ref v1, ref v5, ref v9, ref v13, m[1], m[15]);
        G(ref v2, ref v6, ref v10, ref v14, m[14], m[13]);
        G(ref v3, ref v7, ref v11, ref v15, m[4], m[10]);
        G(ref v0, ref v5, ref v10, ref v15, m[0], m[7]);
        G(ref v1, ref v6, ref v11, ref v12, m[6], m[3]);
        G(ref v2, ref v7, ref v8, ref v13, m[9], m[2]);
        G(ref v3, ref v4, ref v9, ref v14, m[8], m[11]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 7
        G(ref v0, ref v4, ref v8, ref v12, m[13], m[11]);
        G(ref v1, ref v5, ref v9, ref v13, m[7], m[14]);
        G(ref v2, ref v6, ref v10, ref v14, m[12], m[1]);
        G(ref v3, ref v7, ref v11, ref v15, m[3], m[9]);
        G(ref v0, ref v5, ref v10, ref v15, m[5], m[0]);
        G(ref v1, ref v6, ref v11, ref v12, m[15], m[4]);
        G(ref v2, ref v7, ref v8, ref v13, m[8], m[6]);
        G(ref v3, ref v4, ref v9, ref v14, m[2], m[10]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 8
        G(ref v0, ref v4, ref v8, ref v12, m[6], m[15]);
        G(ref v1, ref v5, ref v9, ref v13, m[14], m[9]);
        G(ref v2, ref v6, ref v10, ref v14, m[11], m[3]);
        G(ref v3, ref v7, ref v11, ref v15, m[0], m[8]);
        G(ref v0, ref v5, ref v10, ref v15, m[12], m[2]);
        G(ref v1, ref v6, ref v11, ref v12, m[13], m[7]);
        G(ref v2, ref v7, ref v8, ref v13, m[1], m[4]);
        G(ref v3, ref v4, ref v9, ref v14, m[10], m[5]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 9
        G(ref v0, ref v4, ref v8, ref v12, m[10], m[2]);
        G(ref v1, ref v5, ref v9, ref v13, m[8], m[4]);
        G(ref v2, ref v6, ref v10, ref v14, m[7], m[6]);
        G(ref v3, ref v7, ref v11, ref v15, m[1], m[5]);
        G(ref v0, ref v5, ref v10, ref v15, m[15], m[11]);
        G(ref v1, ref v6, ref v11, ref v12, m[9], m[14]);
        G(ref v2, ref v7, ref v8, ref v13, m[3], m[12]);
        G(ref v3, ref v4, ref v9, ref v14, m[13], m[0]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 10
        G(ref v0, ref v4, ref v8, ref v12, m[0], m[1]);
        G(ref v1, ref v5, ref v9, ref v13, m[2], m[3]);
        G(ref v2, ref v6, ref v10, ref v14, m[4], m[5]);
        G(ref v3, ref v7, ref v11, ref v15, m[6], m[7]);
        G(ref v0, ref v5, ref v10, ref v15, m[8], m[9]);
        G(ref v1, ref v6, ref v11, ref v12, m[10], m[11]);
        G(ref v2, ref v7, ref v8, ref v13, m[12], m[13]);
        G(ref v3, ref v4, ref v9, ref v14, m[14], m[15]);
        m[16] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 11
        G(ref v0, ref v4, ref v8, ref v12, m[14], m[10]);
        G(ref v1, ref v5, ref v9, ref v13, m[4], m[8]);
        G(ref v2, ref v6, ref v10, ref v14, m[9], m[15]);
        G(ref v3, ref v7, ref v11, ref v15, m[13], m[6]);
        G(ref v0, ref v5, ref v10, ref v15, m[1], m[12]);
        G(ref v1, ref v6, ref v11, ref v12, m[0], m[2]);
        G(ref v2, ref v7, ref v8, ref v13, m[11], m[7]);
        G(ref v3, ref v4, ref v9, ref v14, m[5], m[3]);
        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(ref ulong a, ref ulong b, ref ulong c, ref ulong d, ulong x, ulong y)
    {
        a = a + b + x;
        d = BitOperations.RotateRight(d ^ a, 32);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 24);
        a = a + b + y;
        d = BitOperations.RotateRight(d ^ a, 16);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 63);
    }
}
