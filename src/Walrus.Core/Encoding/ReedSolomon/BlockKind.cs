namespace Walrus.Core.Encoding.ReedSolomon;

/// <summary>A compile-time flag for <see cref="IFftKernel"/>: does the block start at evaluation point 0?</summary>
internal interface IBlockKind
{
    static abstract bool IsFirst { get; }
}

/// <summary>The block at evaluation point 0: its first-half twiddles are zero.</summary>
internal struct FirstBlock : IBlockKind
{
    public static bool IsFirst => true;
}

/// <summary>Any other block: every twiddle is nonzero.</summary>
internal struct OtherBlock : IBlockKind
{
    public static bool IsFirst => false;
}
