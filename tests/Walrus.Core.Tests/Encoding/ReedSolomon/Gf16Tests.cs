using System.Runtime.InteropServices;
using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Tests.Encoding.ReedSolomon;

public class Gf16Tests
{
    private static string TableHash(ReadOnlySpan<ushort> table)
    {
        // Little-endian u16s, as the crate's tables would serialize; this machine is little-endian.
        Assert.True(BitConverter.IsLittleEndian);
        return RsTestKit.Sha256Hex(MemoryMarshal.AsBytes(table));
    }

    [Fact]
    public void Exp_and_log_tables_match_the_known_values()
    {
        Assert.Equal(new ushort[] { 1, 18064, 26072, 25296, 22324, 17904, 21432, 7736, 31918, 20024, 26376, 49756, 31332, 40620, 4388, 21050 },
            Gf16.Exp.AsSpan(0, 16).ToArray());
        Assert.Equal(new ushort[] { 13669, 9798, 1 }, Gf16.Exp.AsSpan(65533, 3).ToArray());
        Assert.Equal(new ushort[] { 65535, 0, 21845, 43690, 17476, 4369, 34952, 8738, 56797, 26214, 30583, 39321, 48059, 52428, 13107, 61166 },
            Gf16.Log.AsSpan(0, 16).ToArray());
        Assert.Equal(43173, Gf16.Log[65534]);
        Assert.Equal(45925, Gf16.Log[65535]);
        Assert.Equal("2016ee0982f33f3b6d46fc5731540a073e73b2e7d093ba82e1998364d9dafcd5", TableHash(Gf16.Exp));
        Assert.Equal("c7eafc7e425f44aa8c3cf82dee5f4b3e50a710844082c0f1adcd4b95d4330c1f", TableHash(Gf16.Log));
    }

    [Fact]
    public void Skew_table_matches_the_known_values()
    {
        var skew = Gf16.Skew;
        Assert.Equal(65535, skew.Length);
        Assert.Equal(new ushort[] { 65535, 65535, 21845, 65535, 17476, 21845, 34952, 65535, 56797, 17476, 30583, 21845, 48059, 34952, 13107, 65535 },
            skew.AsSpan(0, 16).ToArray());
        Assert.Equal(new ushort[] { 25258, 26223, 12683, 43610, 50416, 37562, 57134, 65535, 26315, 47126, 9156, 30324, 35726, 35297, 28478, 39913 },
            skew.AsSpan(32760, 16).ToArray());
        Assert.Equal(new ushort[] { 38442, 37562, 4578, 57134, 43173 }, skew.AsSpan(65530, 5).ToArray());
        Assert.Equal(16, skew.Count(v => v == 65535));
        Assert.Equal("386153e81df25ed50a4be744fc292281790994bf3472076e6bed4e65463c3949", TableHash(skew));
    }

    [Fact]
    public void Log_walsh_table_matches_the_known_values()
    {
        Assert.Equal(new ushort[] { 65535, 8105, 48770, 36820, 13876, 18410, 24385, 53235, 52258, 59385, 44960, 22506, 6938, 61852, 59116, 9205 },
            Gf16.LogWalsh.AsSpan(0, 16).ToArray());
        Assert.Equal("c41a535bc53c7c940ec7ca8bc548f1f91368df7c75ec61f79330b0f5fbea6c8b", TableHash(Gf16.LogWalsh));
    }

    [Fact]
    public void Multiplication_follows_the_cantor_basis_and_treats_both_zero_and_65535_logs_as_one()
    {
        Assert.Equal(1, Gf16.Mul(2, Gf16.Log[3]));
        Assert.Equal(0x1234, Gf16.Mul(0x1234, 0));
        Assert.Equal(0x1234, Gf16.Mul(0x1234, 65535));
        Assert.Equal(44121, Gf16.Mul(0x1234, 1));
        Assert.Equal(0, Gf16.Mul(0, 1234));
    }

    [Fact]
    public void Add_and_sub_mod_follow_the_ones_complement_rules()
    {
        Assert.Equal(0, Gf16.AddMod(0, 0));
        Assert.Equal(65535, Gf16.AddMod(65535, 0));
        Assert.Equal(65535, Gf16.AddMod(1, 65534));
        Assert.Equal(5, Gf16.AddMod(65535, 5));
        Assert.Equal(3, Gf16.SubMod(5, 2));
        Assert.Equal(65534, Gf16.SubMod(2, 3));
        Assert.Equal(0, Gf16.SubMod(7, 7));
    }
}
