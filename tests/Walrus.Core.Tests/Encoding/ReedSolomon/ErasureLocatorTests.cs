using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Tests.Encoding.ReedSolomon;

public class ErasureLocatorTests
{
    [Theory]
    [InlineData(2, false, 1)]
    [InlineData(64, false, 2)]
    [InlineData(1024, false, 3)]
    [InlineData(2048, true, 4)]
    [InlineData(4096, true, 5)]
    [InlineData(65536, false, 6)]
    [InlineData(65536, true, 7)]
    public void Small_transform_gives_the_crate_locator_mod_65535(int n, bool erasedBeyond, int seed)
    {
        var random = new Random(seed);
        var full = new ushort[Gf16.Order];
        var small = new ushort[n];
        for (var i = 0; i < n; i++)
        {
            small[i] = full[i] = (ushort)(random.Next(3) == 0 ? 1 : 0);
        }

        if (erasedBeyond)
        {
            full.AsSpan(n).Fill(1);
        }

        ErasureLocator.EvaluateReference(full);
        ErasureLocator.Evaluate(small, erasedBeyond);
        for (var i = 0; i < n; i++)
        {
            Assert.True(full[i] % Gf16.Modulus == small[i] % Gf16.Modulus, $"position {i}: {full[i]} vs {small[i]}");
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(4096)]
    [InlineData(32768)]
    public void Vectorized_walsh_hadamard_transform_equals_the_plain_one(int n)
    {
        var random = new Random(n);
        var a = new ushort[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = (ushort)random.Next(65536);
        }

        var b = (ushort[])a.Clone();
        Gf16.FwhtReference(a);
        ErasureLocator.Fwht(b);
        Assert.Equal(a, b);
    }
}
