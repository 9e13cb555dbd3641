using System.Runtime.CompilerServices;

namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>
/// Radix 8 as a radix-2 sweep and two radix-4 sweeps of a kernel, for kernels whose registers cannot hold three
/// layers' twiddles at once (<see cref="NibbleKernel{TLane, TTables}"/>, the AVX2 + GFNI kernel). Inlined into the
/// kernels' own FftRadix8 and IfftRadix8.
/// </summary>
internal static unsafe class Radix8<TKernel>
    where TKernel : struct, IFftKernel
{
    /// <summary>See <see cref="IFftKernel.FftRadix8"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fft<TBlock>(byte* p, nint from, nint eighth, ushort t4, ushort t2a, ushort t2b, ushort t1a, ushort t1b, ushort t1c, ushort t1d)
        where TBlock : struct, IBlockKind
    {
        TKernel.FftRadix2<TBlock>(p, from, 4 * eighth, t4);
        TKernel.FftRadix4<TBlock>(p, 0, eighth, t2a, t1a, t1b);
        TKernel.FftRadix4<OtherBlock>(p + (4 * eighth), 0, eighth, t2b, t1c, t1d);
    }

    /// <summary>See <see cref="IFftKernel.IfftRadix8"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Ifft<TBlock>(byte* p, nint eighth, ushort t1a, ushort t1b, ushort t1c, ushort t1d, ushort t2a, ushort t2b, ushort t4)
        where TBlock : struct, IBlockKind
    {
        TKernel.IfftRadix4<TBlock>(p, eighth, t1a, t1b, t2a);
        TKernel.IfftRadix4<OtherBlock>(p + (4 * eighth), eighth, t1c, t1d, t2b);
        TKernel.IfftRadix2<TBlock>(p, 4 * eighth, t4);
    }
}
