namespace Walrus.Core.Tests.Encoding.ReedSolomon;

/// <summary>
/// Vectors from the independent re-implementation of the crate's code (it matches every crate hash), covering
/// explicit bytes and shard sizes that are not multiples of 64 (the partial-block layout).
/// </summary>
public class ReedSolomonDerivedVectorTests
{
    public static TheoryData<int, int, int, string[]> ExplicitBytes() => new()
    {
        {
            3, 2, 64,
            [
                "3b94c768933c6fc0e34c1fb04be4b718c966359a61ce9d3211beed42b91645eaf1f5fafef7f3fcf8f6f2fdf9f0f4fbffbbbfb0b4bdb9b6b2bcb8b7b3babeb1b5",
                "fb5505ab57f9a9072b85d57b872979d719b7e749b51b4be5c967379965cb9b351114181d13161a1f1e1b17121c1915104b4e4247494c404544414d4846434f4a",
            ]
        },
        {
            2, 3, 64,
            [
                "47464544434241404f4e4d4c4b4a494857565554535251505f5e5d5c5b5a595893929190979695949b9a99989f9e9d9c83828180878685848b8a89888f8e8d8c",
                "07060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918d3d2d1d0d7d6d5d4dbdad9d8dfdedddcc3c2c1c0c7c6c5c4cbcac9c8cfcecdcc",
                "88898a8b8c8d8e8f808182838485868798999a9b9c9d9e9f90919293949596974a4b48494e4f4c4d42434041464744455a5b58595e5f5c5d5253505156575455",
            ]
        },
        {
            1, 3, 64,
            [
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
            ]
        },
        {
            4, 4, 64,
            [
                "818083828584878689888b8a8d8c8f8e919093929594979699989b9a9d9c9f9e5e5f5c5d5a5b585956575455525350514e4f4c4d4a4b48494647444542434041",
                "c1c0c3c2c5c4c7c6c9c8cbcacdcccfced1d0d3d2d5d4d7d6d9d8dbdadddcdfde1e1f1c1d1a1b181916171415121310110e0f0c0d0a0b08090607040502030001",
                "010003020504070609080b0a0d0c0f0e111013121514171619181b1a1d1c1f1ededfdcdddadbd8d9d6d7d4d5d2d3d0d1cecfcccdcacbc8c9c6c7c4c5c2c3c0c1",
                "414043424544474649484b4a4d4c4f4e515053525554575659585b5a5d5c5f5e9e9f9c9d9a9b989996979495929390918e8f8c8d8a8b88898687848582838081",
            ]
        },
        { 3, 5, 6, ["4edbffc9cfc6", "17ef05dcd0db", "404f02c7c5cb", "d9ba3a111e13", "1c7fff212e23"] },
        {
            5, 3, 100,
            [
                "dc39b653ac49c623c520af4ab550df3a8b6ee104fb1e91749277f81de207886d8883878c808b8f8482898d868a81858e363d39323e35313a3c373338343f3b3006e314f1769377921ffa0de86f8ada3f0ce95259555e5a51575c58535f54505b151e1a11",
                "e3a8773c3f74abe02a61bef5f6bd6229561dc2898ac11e559fd40b404308d79c5759515f5d535b55525c545a58565e50b3bdb5bbb9b7bfb1b6b8b0bebcb2bab4410a03489dd6135888c3ca81541fa9e2d69debe5e7e9e1efe8e6eee0e2ece4ea606e6668",
                "a68e5078e2ca143ccfe739118ba37d552008d6fe644c92ba4961bf970d25fbd331383d34323b3e37353c3930363f3a33a3aaafa6a0a9aca5a7aeaba2a4ada8a1a38b123ae7cf3b13cae27b538ea6e1c982aa4e4741484d44464f4a43454c49401f16131a",
            ]
        },
        { 2, 2, 4, ["4746b1b0", "0706f1f0"] },
        {
            10, 20, 2,
            [
                "dc0f", "5396", "f13f", "3861", "fffe", "3153", "4079", "8fa0", "9d39", "5513",
                "b7c3", "f6f7", "4185", "c9ef", "eaad", "ec2a", "f572", "e4ee", "1ed9", "0e31",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(ExplicitBytes))]
    public void Sequential_originals_give_the_known_recovery_bytes_on_every_engine(int o, int r, int shardBytes, string[] expected)
    {
        var originals = RsTestKit.Sequential(o, shardBytes);
        foreach (var engine in Walrus.Core.Encoding.ReedSolomon.Engine.Supported)
        {
            var recovery = RsTestKit.Encode(o, r, shardBytes, originals, engine: engine);
            for (var i = 0; i < r; i++)
            {
                Assert.Equal(expected[i], Convert.ToHexStringLower(recovery.AsSpan(i * shardBytes, shardBytes)));
            }

            // Decode with the first min(o, r) originals missing.
            var missing = Math.Min(o, r);
            var decoded = RsTestKit.Decode(o, r, shardBytes, originals, recovery,
                RsTestKit.Range(missing, o), RsTestKit.Range(0, missing), engine: engine);
            Assert.Equal(originals, decoded);
        }
    }

    [Theory]
    [InlineData(300, 700, 130, "1392e657f15be138e80d9cb6622936f116f49abf4fc2a2767a7893ee5a177247")]
    [InlineData(700, 300, 130, "e28f549642879a98e5f281f7faf38aac198a93c19bb682853a161f75c7f82524")]
    [InlineData(1000, 1000, 62, "ecd159def88744e62d87f7b15f447f70abdf97514707d531958009b429dcb7d1")]
    [InlineData(334, 666, 128, "0eb07825a09054d89c2c56975b1b19900620ddda2be0b096d6c1d78d37898632")]
    public void Larger_shapes_give_the_known_recovery_hashes(int o, int r, int shardBytes, string sha256)
    {
        var originals = RsTestKit.Sequential(o, shardBytes);
        var recovery = RsTestKit.Encode(o, r, shardBytes, originals);
        Assert.Equal(sha256, RsTestKit.Sha256Hex(recovery));

        var missing = Math.Min(o, r);
        var decoded = RsTestKit.Decode(o, r, shardBytes, originals, recovery, RsTestKit.Range(missing, o), RsTestKit.Range(0, missing));
        Assert.Equal(originals, decoded);
    }
}
