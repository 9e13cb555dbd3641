using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Walrus.Core.Merkle;

/// <summary>
/// The AVX-512 kernel: eight inputs per pass, one per 64-bit lane of a 512-bit vector. Each input's block is read with
/// two masked 64-byte loads (the one-byte prefix is shifted in with a byte permute) and the 8 x 16 words are transposed
/// in registers.
/// </summary>
internal static unsafe partial class Blake2bMultiLane
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void HashAvx512(byte prefix, byte** inputs, int length, int count, byte** outputs)
    {
        var m = stackalloc ulong[(16 * 8) + 1];
        var lanes = stackalloc byte*[8];
        var h = stackalloc ulong[4 * 8];
        var total = length + 1;
        var blocks = BlockCount(total);
        for (var g = 0; g < count; g += 8)
        {
            var active = Math.Min(8, count - g);
            for (var l = 0; l < 8; l++)
            {
                lanes[l] = inputs[g + Math.Min(l, active - 1)];
            }

            var s = new State8
            {
                H0 = Vector512.Create(Param0),
                H1 = Vector512.Create(Iv1),
                H2 = Vector512.Create(Iv2),
                H3 = Vector512.Create(Iv3),
                H4 = Vector512.Create(Iv4),
                H5 = Vector512.Create(Iv5),
                H6 = Vector512.Create(Iv6),
                H7 = Vector512.Create(Iv7),
            };
            for (var b = 0; b < blocks; b++)
            {
                LoadBlock8(prefix, lanes, length, b, m);
                CompressAvx512(ref s, m, Counter(b, blocks, total), b == blocks - 1);
            }

            StoreDigests8(ref s, outputs + g, active, h);
        }
    }

    /// <summary>Writes lane l's digest (words 0..3 of the state) to outputs[l] for the first <paramref name="active"/> lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreDigests8(ref State8 s, byte** outputs, int active, ulong* scratch)
    {
        // Lanes (0, 2, 4, 6) from the low unpacks, (1, 3, 5, 7) from the high ones; each 256-bit half is one digest.
        var lo01 = Avx512F.UnpackLow(s.H0, s.H1);
        var hi01 = Avx512F.UnpackHigh(s.H0, s.H1);
        var lo23 = Avx512F.UnpackLow(s.H2, s.H3);
        var hi23 = Avx512F.UnpackHigh(s.H2, s.H3);
        var d02 = Avx512F.PermuteVar8x64x2(lo01, DigestLow, lo23);
        var d46 = Avx512F.PermuteVar8x64x2(lo01, DigestHigh, lo23);
        var d13 = Avx512F.PermuteVar8x64x2(hi01, DigestLow, hi23);
        var d57 = Avx512F.PermuteVar8x64x2(hi01, DigestHigh, hi23);
        if (active == 8)
        {
            d02.GetLower().Store((ulong*)outputs[0]);
            d13.GetLower().Store((ulong*)outputs[1]);
            d02.GetUpper().Store((ulong*)outputs[2]);
            d13.GetUpper().Store((ulong*)outputs[3]);
            d46.GetLower().Store((ulong*)outputs[4]);
            d57.GetLower().Store((ulong*)outputs[5]);
            d46.GetUpper().Store((ulong*)outputs[6]);
            d57.GetUpper().Store((ulong*)outputs[7]);
            return;
        }

        // A partial pass: lanes in order in scratch, then copy the active ones.
        d02.GetLower().Store(scratch);
        d13.GetLower().Store(scratch + 4);
        d02.GetUpper().Store(scratch + 8);
        d13.GetUpper().Store(scratch + 12);
        d46.GetLower().Store(scratch + 16);
        d57.GetLower().Store(scratch + 20);
        d46.GetUpper().Store(scratch + 24);
        d57.GetUpper().Store(scratch + 28);
        for (var l = 0; l < active; l++)
        {
            Vector256.Load(scratch + (4 * l)).Store((ulong*)outputs[l]);
        }
    }

    private static Vector512<ulong> DigestLow
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0UL, 1, 8, 9, 2, 3, 10, 11);
    }

    private static Vector512<ulong> DigestHigh
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(4UL, 5, 12, 13, 6, 7, 14, 15);
    }

    /// <summary>Loads block <paramref name="block"/> of the eight inputs and stores it transposed: m[8 w + lane] = word w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadBlock8(byte prefix, byte** lanes, int length, int block, ulong* m)
    {
        var start = block * BlockBytes;
        var available = Math.Min(length + 1 - start, BlockBytes);
        Vector512<ulong> a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7;
        if (block == 0)
        {
            // Virtual bytes 1..available-1 are data bytes 0..available-2; byte 0 is the prefix.
            var n = available - 1;
            var maskLo = ByteMask(n);
            var maskHi = ByteMask(n - 64);
            var pre = Vector512.Create(prefix);
            var hasHigh = n > 64;
            LoadFirst(lanes[0], maskLo, maskHi, pre, hasHigh, out a0, out b0);
            LoadFirst(lanes[1], maskLo, maskHi, pre, hasHigh, out a1, out b1);
            LoadFirst(lanes[2], maskLo, maskHi, pre, hasHigh, out a2, out b2);
            LoadFirst(lanes[3], maskLo, maskHi, pre, hasHigh, out a3, out b3);
            LoadFirst(lanes[4], maskLo, maskHi, pre, hasHigh, out a4, out b4);
            LoadFirst(lanes[5], maskLo, maskHi, pre, hasHigh, out a5, out b5);
            LoadFirst(lanes[6], maskLo, maskHi, pre, hasHigh, out a6, out b6);
            LoadFirst(lanes[7], maskLo, maskHi, pre, hasHigh, out a7, out b7);
        }
        else if (available == BlockBytes)
        {
            var offset = start - 1;
            LoadFull(lanes[0] + offset, out a0, out b0);
            LoadFull(lanes[1] + offset, out a1, out b1);
            LoadFull(lanes[2] + offset, out a2, out b2);
            LoadFull(lanes[3] + offset, out a3, out b3);
            LoadFull(lanes[4] + offset, out a4, out b4);
            LoadFull(lanes[5] + offset, out a5, out b5);
            LoadFull(lanes[6] + offset, out a6, out b6);
            LoadFull(lanes[7] + offset, out a7, out b7);
        }
        else
        {
            var offset = start - 1;
            var maskLo = ByteMask(available);
            var maskHi = ByteMask(available - 64);
            LoadPartial(lanes[0] + offset, maskLo, maskHi, out a0, out b0);
            LoadPartial(lanes[1] + offset, maskLo, maskHi, out a1, out b1);
            LoadPartial(lanes[2] + offset, maskLo, maskHi, out a2, out b2);
            LoadPartial(lanes[3] + offset, maskLo, maskHi, out a3, out b3);
            LoadPartial(lanes[4] + offset, maskLo, maskHi, out a4, out b4);
            LoadPartial(lanes[5] + offset, maskLo, maskHi, out a5, out b5);
            LoadPartial(lanes[6] + offset, maskLo, maskHi, out a6, out b6);
            LoadPartial(lanes[7] + offset, maskLo, maskHi, out a7, out b7);
        }

        Transpose8(a0, a1, a2, a3, a4, a5, a6, a7, m);
        Transpose8(b0, b1, b2, b3, b4, b5, b6, b7, m + 64);
    }

    /// <summary>A byte mask selecting the first <paramref name="count"/> bytes (clamped to 0..64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> ByteMask(int count) =>
        Vector512.LessThan(ByteIndices, Vector512.Create((byte)Math.Clamp(count, 0, 64)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadFirst(byte* data, Vector512<byte> maskLo, Vector512<byte> maskHi, Vector512<byte> prefix, bool hasHigh, out Vector512<ulong> a, out Vector512<ulong> b)
    {
        var lo = Avx512BW.MaskLoad(data, maskLo, Vector512<byte>.Zero);
        var hi = hasHigh ? Avx512BW.MaskLoad(data + 64, maskHi, Vector512<byte>.Zero) : Vector512<byte>.Zero;
        a = Avx512Vbmi.PermuteVar64x8x2(lo, ShiftInPrefix, prefix).AsUInt64();
        b = Avx512Vbmi.PermuteVar64x8x2(lo, ShiftAcross, hi).AsUInt64();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadFull(byte* data, out Vector512<ulong> a, out Vector512<ulong> b)
    {
        a = Vector512.Load((ulong*)data);
        b = Vector512.Load((ulong*)(data + 64));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadPartial(byte* data, Vector512<byte> maskLo, Vector512<byte> maskHi, out Vector512<ulong> a, out Vector512<ulong> b)
    {
        a = Avx512BW.MaskLoad(data, maskLo, Vector512<byte>.Zero).AsUInt64();
        b = Avx512BW.MaskLoad(data + 64, maskHi, Vector512<byte>.Zero).AsUInt64();
    }

    /// <summary>Transposes eight rows of eight words (row = input) into m[8 w + row] for w in 0..7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(
        Vector512<ulong> r0, Vector512<ulong> r1, Vector512<ulong> r2, Vector512<ulong> r3,
        Vector512<ulong> r4, Vector512<ulong> r5, Vector512<ulong> r6, Vector512<ulong> r7, ulong* m)
    {
        // Stage 1: pairs of rows; u holds even words, v odd words.
        var u0 = Avx512F.UnpackLow(r0, r1);
        var v0 = Avx512F.UnpackHigh(r0, r1);
        var u1 = Avx512F.UnpackLow(r2, r3);
        var v1 = Avx512F.UnpackHigh(r2, r3);
        var u2 = Avx512F.UnpackLow(r4, r5);
        var v2 = Avx512F.UnpackHigh(r4, r5);
        var u3 = Avx512F.UnpackLow(r6, r7);
        var v3 = Avx512F.UnpackHigh(r6, r7);

        // Stage 2: rows 0-3 and rows 4-7, words (0,4), (2,6), (1,5), (3,7).
        var w04a = Avx512F.PermuteVar8x64x2(u0, Stage2Low, u1);
        var w26a = Avx512F.PermuteVar8x64x2(u0, Stage2High, u1);
        var w15a = Avx512F.PermuteVar8x64x2(v0, Stage2Low, v1);
        var w37a = Avx512F.PermuteVar8x64x2(v0, Stage2High, v1);
        var w04b = Avx512F.PermuteVar8x64x2(u2, Stage2Low, u3);
        var w26b = Avx512F.PermuteVar8x64x2(u2, Stage2High, u3);
        var w15b = Avx512F.PermuteVar8x64x2(v2, Stage2Low, v3);
        var w37b = Avx512F.PermuteVar8x64x2(v2, Stage2High, v3);

        // Stage 3: all eight rows.
        Avx512F.PermuteVar8x64x2(w04a, Stage3Low, w04b).Store(m);
        Avx512F.PermuteVar8x64x2(w15a, Stage3Low, w15b).Store(m + 8);
        Avx512F.PermuteVar8x64x2(w26a, Stage3Low, w26b).Store(m + 16);
        Avx512F.PermuteVar8x64x2(w37a, Stage3Low, w37b).Store(m + 24);
        Avx512F.PermuteVar8x64x2(w04a, Stage3High, w04b).Store(m + 32);
        Avx512F.PermuteVar8x64x2(w15a, Stage3High, w15b).Store(m + 40);
        Avx512F.PermuteVar8x64x2(w26a, Stage3High, w26b).Store(m + 48);
        Avx512F.PermuteVar8x64x2(w37a, Stage3High, w37b).Store(m + 56);
    }

    private static Vector512<byte> ByteIndices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(
            (byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
            32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63);
    }

    /// <summary>Byte 0 from the second operand (the prefix), byte i from byte i-1 of the first.</summary>
    private static Vector512<byte> ShiftInPrefix
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(
            (byte)64, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
            31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62);
    }

    /// <summary>Byte i from byte 63 + i of the two operands together (the last byte of the first, then the second).</summary>
    private static Vector512<byte> ShiftAcross
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(
            (byte)63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94,
            95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126);
    }

    private static Vector512<ulong> Stage2Low
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0UL, 1, 8, 9, 4, 5, 12, 13);
    }

    private static Vector512<ulong> Stage2High
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(2UL, 3, 10, 11, 6, 7, 14, 15);
    }

    private static Vector512<ulong> Stage3Low
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0UL, 1, 2, 3, 8, 9, 10, 11);
    }

    private static Vector512<ulong> Stage3High
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(4UL, 5, 6, 7, 12, 13, 14, 15);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void CompressAvx512(ref State8 s, ulong* m, ulong t, bool last)
    {
        Vector512<ulong> v0 = s.H0, v1 = s.H1, v2 = s.H2, v3 = s.H3, v4 = s.H4, v5 = s.H5, v6 = s.H6, v7 = s.H7;
        var v8 = Vector512.Create(Iv0);
        var v9 = Vector512.Create(Iv1);
        var v10 = Vector512.Create(Iv2);
        var v11 = Vector512.Create(Iv3);
        var v12 = Vector512.Create(Iv4 ^ t);
        var v13 = Vector512.Create(Iv5);
        var v14 = Vector512.Create(last ? ~Iv6 : Iv6);
        var v15 = Vector512.Create(Iv7);
        // Round 0
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 0), M8(m, 1));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 2), M8(m, 3));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 4), M8(m, 5));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 6), M8(m, 7));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 8), M8(m, 9));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 10), M8(m, 11));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 12), M8(m, 13));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 14), M8(m, 15));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 1
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 14), M8(m, 10));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 4), M8(m, 8));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 9), M8(m, 15));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 13), M8(m, 6));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 1), M8(m, 12));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 0), M8(m, 2));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 11), M8(m, 7));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 5), M8(m, 3));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 2
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 11), M8(m, 8));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 12), M8(m, 0));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 5), M8(m, 2));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 15), M8(m, 13));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 10), M8(m, 14));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 3), M8(m, 6));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 7), M8(m, 1));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 9), M8(m, 4));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 3
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 7), M8(m, 9));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 3), M8(m, 1));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 13), M8(m, 12));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 11), M8(m, 14));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 2), M8(m, 6));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 5), M8(m, 10));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 4), M8(m, 0));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 15), M8(m, 8));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 4
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 9), M8(m, 0));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 5), M8(m, 7));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 2), M8(m, 4));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 10), M8(m, 15));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 14), M8(m, 1));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 11), M8(m, 12));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 6), M8(m, 8));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 3), M8(m, 13));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 5
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 2), M8(m, 12));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 6), M8(m, 10));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 0), M8(m, 11));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 8), M8(m, 3));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 4), M8(m, 13));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 7), M8(m, 5));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 15), M8(m, 14));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 1), M8(m, 9));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 6
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 12), M8(m, 5));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 1), M8(m, 15));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 14), M8(m, 13));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 4), M8(m, 10));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 0), M8(m, 7));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 6), M8(m, 3));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 9), M8(m, 2));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 8), M8(m, 11));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 7
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 13), M8(m, 11));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 7), M8(m, 14));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 12), M8(m, 1));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 3), M8(m, 9));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 5), M8(m, 0));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 15), M8(m, 4));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 8), M8(m, 6));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 2), M8(m, 10));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 8
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 6), M8(m, 15));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 14), M8(m, 9));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 11), M8(m, 3));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 0), M8(m, 8));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 12), M8(m, 2));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 13), M8(m, 7));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 1), M8(m, 4));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 10), M8(m, 5));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 9
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 10), M8(m, 2));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 8), M8(m, 4));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 7), M8(m, 6));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 1), M8(m, 5));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 15), M8(m, 11));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 9), M8(m, 14));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 3), M8(m, 12));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 13), M8(m, 0));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 10
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 0), M8(m, 1));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 2), M8(m, 3));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 4), M8(m, 5));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 6), M8(m, 7));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 8), M8(m, 9));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 10), M8(m, 11));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 12), M8(m, 13));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 14), M8(m, 15));
        m[128] = 0; // a store between rounds keeps the JIT from holding every message word in a register
        // Round 11
        G(ref v0, ref v4, ref v8, ref v12, M8(m, 14), M8(m, 10));
        G(ref v1, ref v5, ref v9, ref v13, M8(m, 4), M8(m, 8));
        G(ref v2, ref v6, ref v10, ref v14, M8(m, 9), M8(m, 15));
        G(ref v3, ref v7, ref v11, ref v15, M8(m, 13), M8(m, 6));
        G(ref v0, ref v5, ref v10, ref v15, M8(m, 1), M8(m, 12));
        G(ref v1, ref v6, ref v11, ref v12, M8(m, 0), M8(m, 2));
        G(ref v2, ref v7, ref v8, ref v13, M8(m, 11), M8(m, 7));
        G(ref v3, ref v4, ref v9, ref v14, M8(m, 5), M8(m, 3));
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
    private static Vector512<ulong> M8(ulong* m, int word) => Vector512.Load(m + (8 * word));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(ref Vector512<ulong> a, ref Vector512<ulong> b, ref Vector512<ulong> c, ref Vector512<ulong> d, Vector512<ulong> x, Vector512<ulong> y)
    {
        a = a + b + x;
        d = Avx512F.RotateRight(d ^ a, 32);
        c += d;
        b = Avx512F.RotateRight(b ^ c, 24);
        a = a + b + y;
        d = Avx512F.RotateRight(d ^ a, 16);
        c += d;
        b = Avx512F.RotateRight(b ^ c, 63);
    }

    private struct State8
    {
        public Vector512<ulong> H0;
        public Vector512<ulong> H1;
        public Vector512<ulong> H2;
        public Vector512<ulong> H3;
        public Vector512<ulong> H4;
        public Vector512<ulong> H5;
        public Vector512<ulong> H6;
        public Vector512<ulong> H7;
    }
}
