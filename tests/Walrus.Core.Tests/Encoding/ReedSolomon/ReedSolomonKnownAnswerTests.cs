using Walrus.Core.Encoding.ReedSolomon;

namespace Walrus.Core.Tests.Encoding.ReedSolomon;

/// <summary>The crate's own vectors (its src/test_util.rs hash tests), on every engine this CPU supports.</summary>
public class ReedSolomonKnownAnswerTests
{
    public static IEnumerable<object[]> TinyCases() => KnownAnswers.TinyCases();

    public static TheoryData<string> Engines()
    {
        var data = new TheoryData<string>();
        foreach (var engine in Engine.Supported)
        {
            data.Add(engine.Name);
        }

        return data;
    }

    internal static Engine EngineNamed(string name) => Engine.Supported.First(e => e.Name == name);

    [Fact]
    public void ChaCha8_generator_reproduces_the_crate_originals()
    {
        var data = ChaCha8.GenerateOriginal(2, 1024, 123);
        Assert.Equal("8674a678b6143f3049ba6e5713fa41c2d9411cae33ec8008e129d631fe1efdec", Convert.ToHexStringLower(data.AsSpan(0, 32)));
        Assert.Equal("a372749781d6d18a10ee172fa028b78e9d1d2632aa7a660a4772273ab0e75dfe", Convert.ToHexStringLower(data.AsSpan(1024, 32)));
    }

    [Theory]
    [MemberData(nameof(TinyCases))]
    public void Tiny_cases_match_the_crate_hashes_and_decode(string rate, int o, int r, byte seed, string sha256)
    {
        const int shardBytes = 1024;
        var originals = ChaCha8.GenerateOriginal(o, shardBytes, seed);
        foreach (var engine in Engine.Supported)
        {
            var recovery = RsTestKit.Encode(o, r, shardBytes, originals, RsTestKit.ForcedRate(rate), engine);
            Assert.True(sha256 == RsTestKit.Sha256Hex(recovery), $"{engine} {rate} {o} {r}");

            // The crate's check: originals r..o−1 and recovery 0..min(o, r)−1 restore the rest.
            var decoded = RsTestKit.Decode(o, r, shardBytes, originals, recovery,
                RsTestKit.Range(r, o), RsTestKit.Range(0, Math.Min(o, r)), RsTestKit.ForcedRate(rate), engine);
            Assert.Equal(originals, decoded);
        }
    }

    [Fact]
    public void Default_rate_rule_matches_the_crate_examples()
    {
        Assert.True(new ReedSolomonEncoder(3, 3).UsesHighRate);
        Assert.True(new ReedSolomonEncoder(3, 4).UsesHighRate);
        Assert.False(new ReedSolomonEncoder(3, 5).UsesHighRate);
        Assert.False(new ReedSolomonEncoder(4, 3).UsesHighRate);
        Assert.True(new ReedSolomonEncoder(5, 3).UsesHighRate);
        Assert.False(new ReedSolomonEncoder(4096, 61440).UsesHighRate);
        Assert.True(new ReedSolomonEncoder(61440, 4096).UsesHighRate);
        Assert.False(new ReedSolomonEncoder(334, 666).UsesHighRate);
        Assert.True(new ReedSolomonEncoder(667, 333).UsesHighRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomonEncoder(4096, 61441));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomonEncoder(4097, 61440));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomonEncoder(61440, 4097));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomonEncoder(61441, 4096));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomonEncoder(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomonEncoder(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomonDecoder(65536, 1));
    }

    public static TheoryData<string, int, int, int, byte, string, int[], int[]> ExplicitCases() => new()
    {
        { "H", 3, 3, 1024, 133, "9502b325f6f50a25e6816144603f1b0cda09e00b4949965babbaf8266ff81e84", [], [0, 1, 2] },
        { "L", 3, 3, 1024, 133, "9502b325f6f50a25e6816144603f1b0cda09e00b4949965babbaf8266ff81e84", [], [0, 1, 2] },
        { "H", 3, 2, 1024, 132, "afd47751b63fb0a62671e0e4a124a8ba51eb6d4b55f79c3dd54a60c28583634f", [0, 1, 2], [] },
        { "H", 3, 2, 1024, 232, "2ee88d495ae1fff216f2865dbbdda2e1a051c5d98c7117a2a0b2ebcdfb57cd33", [0], [0, 1] },
        { "H", 5, 2, 1024, 152, "5387208d6756e3e79558a9b9ddebe0439eb3b08eec2393d4acafce6fc5332683", [0, 2, 4], [0, 1] },
        { "D", 5, 3, 1024, 153, "6f53d5175900d70b4821d1d0c947d0c47a802add0d620bfa72d57dd983dfc156", [1, 3], [0, 1, 2] },
        { "L", 2, 3, 1024, 123, "f682a6c87c2bcd3e0feddbeff5c34f9d14026b78c44e5fdb5cf3cf71ec15e1f4", [0, 1], [] },
        { "L", 2, 3, 1024, 223, "2dc25a5dc42b2d1f94a80489e9f357a48f011f931cdac3ed7c85e2abb07063a2", [], [1, 2] },
        { "L", 2, 5, 1024, 125, "24449ae058f54a33b3b7ee568761e68e36bd7171ee2a3271a0fbd2f07ac65a7c", [], [0, 4] },
        { "D", 3, 5, 1024, 135, "c23920347f00328dceca9cb6012d797d97f366617cf27aae5c45b4f0b8491552", [], [0, 2, 4] },
    };

    [Theory]
    [MemberData(nameof(ExplicitCases))]
    public void Explicit_cases_match_the_crate_hashes_and_decode(
        string rate, int o, int r, int shardBytes, byte seed, string sha256, int[] originalsGiven, int[] recoveryGiven)
    {
        var originals = ChaCha8.GenerateOriginal(o, shardBytes, seed);
        foreach (var engine in Engine.Supported)
        {
            var recovery = RsTestKit.Encode(o, r, shardBytes, originals, RsTestKit.ForcedRate(rate), engine);
            Assert.Equal(sha256, RsTestKit.Sha256Hex(recovery));
            var decoded = RsTestKit.Decode(o, r, shardBytes, originals, recovery, originalsGiven, recoveryGiven,
                RsTestKit.ForcedRate(rate), engine);
            Assert.Equal(originals, decoded);
        }
    }

    [Fact]
    public void Encoder_and_decoder_are_reusable_across_rounds()
    {
        // The crate's two-round tests: the second round's output does not depend on the first.
        var encoder = new ReedSolomonEncoder(2, 3);
        var decoder = new ReedSolomonDecoder(2, 3);
        foreach (var (seed, hash) in new[]
        {
            ((byte)123, "f682a6c87c2bcd3e0feddbeff5c34f9d14026b78c44e5fdb5cf3cf71ec15e1f4"),
            ((byte)223, "2dc25a5dc42b2d1f94a80489e9f357a48f011f931cdac3ed7c85e2abb07063a2"),
        })
        {
            var originals = ChaCha8.GenerateOriginal(2, 1024, seed);
            var recovery = new byte[3 * 1024];
            encoder.Encode(originals, recovery, 1024);
            Assert.Equal(hash, RsTestKit.Sha256Hex(recovery));

            var output = new byte[2 * 1024];
            Assert.True(decoder.TryDecode([3, 4], recovery.AsSpan(1024), 1024, output, 1024, 1024));
            Assert.Equal(originals, output);
        }
    }

    public static TheoryData<string, int, int, int, byte, string, int, int, int> LargeCases() => new()
    {
        // rate, o, r, shard bytes, seed, sha256; the decoder gets originals [from, to) and recovery [0, count).
        { "H", 34000, 2000, 8, 123, "8bd33dbe0189b5bffcb843fd93fd8c85daada2533cc7df0c352773e846b701f5", 0, 32000, 2000 },
        { "L", 2000, 34000, 8, 123, "9bd2da4d03580d3e2471c60a49595b209a6f9a5f1d504d0c4bd017b953efdd99", 0, 2000, 32000 },
        { "H", 3000, 30000, 64, 14, "2d7d97fd92be0721b4fcfac8814fe0dd9ad07959eb40558c6ed9af09943fed4e", 0, 0, 3000 },
        { "H", 60000, 3000, 64, 12, "88e68e1d86a0fc168a549e195845d20b49ff85734db20d560c36ff2e14f78676", 3000, 60000, 3000 },
        { "L", 3000, 60000, 64, 13, "d44f9c9ed9158f8aad140794e64a730577327f195753af21b810090966b4b4df", 0, 0, 3000 },
        { "L", 30000, 3000, 64, 15, "202f99a2ade121d2404e967d5c04ff390f7a147070a2dcbe71dcf3baeafdf93a", 3000, 30000, 3000 },
        { "H", 32768, 32768, 64, 11, "432025ead0e3f432f74e30500076a8c2b5554f5dfb7767b62fc3a8126eef7389", 0, 0, 32768 },
        { "L", 32768, 32768, 64, 11, "432025ead0e3f432f74e30500076a8c2b5554f5dfb7767b62fc3a8126eef7389", 0, 0, 32768 },
    };

    [Theory]
    [MemberData(nameof(LargeCases))]
    public void Large_cases_match_the_crate_hashes_and_decode(
        string rate, int o, int r, int shardBytes, byte seed, string sha256, int originalsFrom, int originalsTo, int recoveryGiven)
    {
        var originals = ChaCha8.GenerateOriginal(o, shardBytes, seed);
        var recovery = RsTestKit.Encode(o, r, shardBytes, originals, RsTestKit.ForcedRate(rate));
        Assert.Equal(sha256, RsTestKit.Sha256Hex(recovery));
        var decoded = RsTestKit.Decode(o, r, shardBytes, originals, recovery,
            RsTestKit.Range(originalsFrom, originalsTo), RsTestKit.Range(0, recoveryGiven), RsTestKit.ForcedRate(rate));
        Assert.Equal(originals, decoded);
    }

    /// <summary>The other vectorized engines (the best one runs <see cref="Large_cases_match_the_crate_hashes_and_decode"/>).</summary>
    public static TheoryData<string, string, int, int, int, byte, string> LargeCasesOnFastEngines() =>
        LargeCasesOn(Engine.Supported.Where(e => e != ScalarEngine.Instance && e != Engine.Best));

    public static TheoryData<string, string, int, int, int, byte, string> LargeCasesOnScalar() => LargeCasesOn([ScalarEngine.Instance]);

    private static TheoryData<string, string, int, int, int, byte, string> LargeCasesOn(IEnumerable<Engine> engines)
    {
        var data = new TheoryData<string, string, int, int, int, byte, string>();
        foreach (var engine in engines)
        {
            data.Add(engine.Name, "H", 34000, 2000, 8, 123, "8bd33dbe0189b5bffcb843fd93fd8c85daada2533cc7df0c352773e846b701f5");
            data.Add(engine.Name, "L", 2000, 34000, 8, 123, "9bd2da4d03580d3e2471c60a49595b209a6f9a5f1d504d0c4bd017b953efdd99");
            data.Add(engine.Name, "L", 30000, 3000, 64, 15, "202f99a2ade121d2404e967d5c04ff390f7a147070a2dcbe71dcf3baeafdf93a");
            data.Add(engine.Name, "H", 60000, 3000, 64, 12, "88e68e1d86a0fc168a549e195845d20b49ff85734db20d560c36ff2e14f78676");
            data.Add(engine.Name, "L", 3000, 60000, 64, 13, "d44f9c9ed9158f8aad140794e64a730577327f195753af21b810090966b4b4df");
            data.Add(engine.Name, "H", 32768, 32768, 64, 11, "432025ead0e3f432f74e30500076a8c2b5554f5dfb7767b62fc3a8126eef7389");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LargeCasesOnFastEngines))]
    public void Large_cases_match_the_crate_hashes_on_the_other_fast_engines(
        string engineName, string rate, int o, int r, int shardBytes, byte seed, string sha256) =>
        CheckLargeCase(engineName, rate, o, r, shardBytes, seed, sha256);

    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(LargeCasesOnScalar))]
    public void Large_cases_match_the_crate_hashes_on_the_scalar_engine(
        string engineName, string rate, int o, int r, int shardBytes, byte seed, string sha256) =>
        CheckLargeCase(engineName, rate, o, r, shardBytes, seed, sha256);

    private static void CheckLargeCase(string engineName, string rate, int o, int r, int shardBytes, byte seed, string sha256)
    {
        var engine = EngineNamed(engineName);
        var originals = ChaCha8.GenerateOriginal(o, shardBytes, seed);
        var recovery = RsTestKit.Encode(o, r, shardBytes, originals, RsTestKit.ForcedRate(rate), engine);
        Assert.Equal(sha256, RsTestKit.Sha256Hex(recovery));

        var missing = Math.Min(o, r);
        var decoded = RsTestKit.Decode(o, r, shardBytes, originals, recovery,
            RsTestKit.Range(missing, o), RsTestKit.Range(0, missing), RsTestKit.ForcedRate(rate), engine);
        Assert.Equal(originals, decoded);
    }
}
