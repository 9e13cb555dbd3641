namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// The butterflies of one vectorized engine, over whole 128-byte blocks. Twiddles are skew values: 65535 means the
/// twiddle is zero (XOR only). <see cref="FftSkeleton{TKernel}"/> runs them in the crate's layer order; being static
/// abstract members on a struct, every call is direct and inlinable. The FFT kernels read their inputs at
/// <c>from</c> bytes past the shards they write (0: in place), so a transform can start from a copy of its input.
/// </summary>
/// <remarks>
/// The <c>TBlock</c> type argument tells whether the block starts at evaluation point 0 (<see cref="FirstBlock"/>): exactly
/// then the twiddles of its first halves (index r + d − 1 with r + skewDelta = 0) are zero, and the kernel skips those
/// products instead of multiplying by a zero matrix.
/// Implementations mark these methods AggressiveOptimization | NoInlining: they run fully optimized from the first call,
/// and tiered PGO cannot inline them into the skeleton's loops (which it did, making the transforms 3-5x slower).
/// </remarks>
internal unsafe interface IFftKernel
{
    /// <summary>FFT layers 2d then d on x0..x3 = p + k·quarter: (x0,x2),(x1,x3) by t2; then (x0,x1) by t1a, (x2,x3) by t1b.</summary>
    static abstract void FftRadix4<TBlock>(byte* p, nint from, nint quarter, ushort t2, ushort t1a, ushort t1b)
        where TBlock : struct, IBlockKind;

    /// <summary>IFFT layers d then 2d: (x0,x1) by t1a, (x2,x3) by t1b; then (x0,x2),(x1,x3) by t2.</summary>
    static abstract void IfftRadix4<TBlock>(byte* p, nint quarter, ushort t1a, ushort t1b, ushort t2)
        where TBlock : struct, IBlockKind;

    /// <summary>
    /// FFT layers 4d, 2d, d on x0..x7 = p + k·eighth: (x_k, x_k+4) by t4; then (x0,x2),(x1,x3) by t2a and (x4,x6),(x5,x7)
    /// by t2b; then (x0,x1), (x2,x3), (x4,x5), (x6,x7) by t1a, t1b, t1c, t1d.
    /// </summary>
    static abstract void FftRadix8<TBlock>(byte* p, nint from, nint eighth, ushort t4, ushort t2a, ushort t2b, ushort t1a, ushort t1b, ushort t1c, ushort t1d)
        where TBlock : struct, IBlockKind;

    /// <summary>IFFT layers d, 2d, 4d: the inverse of <see cref="FftRadix8"/> with the same twiddles.</summary>
    static abstract void IfftRadix8<TBlock>(byte* p, nint eighth, ushort t1a, ushort t1b, ushort t1c, ushort t1d, ushort t2a, ushort t2b, ushort t4)
        where TBlock : struct, IBlockKind;

    /// <summary>One FFT butterfly layer: a = p, b = p + half; a ^= b·t, b ^= a.</summary>
    static abstract void FftRadix2<TBlock>(byte* p, nint from, nint half, ushort t)
        where TBlock : struct, IBlockKind;

    /// <summary>
    /// One FFT butterfly layer where only one side is wanted: the lower (a ^= b·t) or the upper (b ^= a ^ b·t); the other
    /// side is left unspecified.
    /// </summary>
    static abstract void FftHalf<TBlock>(byte* p, nint from, nint half, ushort t, bool upper)
        where TBlock : struct, IBlockKind;

    /// <summary>One IFFT butterfly layer: b ^= a, a ^= b·t.</summary>
    static abstract void IfftRadix2<TBlock>(byte* p, nint half, ushort t)
        where TBlock : struct, IBlockKind;
}
