using Walrus.Core.Merkle;

namespace Walrus.Core.Tests.Merkle;

public sealed class Blake2bMultiLaneTests
{
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var kernel in Blake2bMultiLane.Supported)
        {
            data.Add(kernel.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Every_kernel_matches_libsodium_on_every_length_from_0_to_300(string kernelName)
    {
        var kernel = Enum.Parse<Blake2bMultiLane.Kernel>(kernelName);
        var random = new Random(1);
        for (var length = 0; length <= 300; length++)
        {
            // 11 inputs: one full pass of 8 plus a partial pass, at an odd stride so that reads are unaligned.
            CheckAgainstLibsodium(kernel, random, prefix: (byte)(length % 3), length, count: 11, stride: length + 3);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Every_kernel_matches_libsodium_on_random_bigger_lengths(string kernelName)
    {
        var kernel = Enum.Parse<Blake2bMultiLane.Kernel>(kernelName);
        var random = new Random(2);
        foreach (var length in new[] { 383, 384, 385, 1023, 1024, 4095, 65534 })
        {
            CheckAgainstLibsodium(kernel, random, prefix: 0, length, count: 9, stride: length);
        }

        for (var i = 0; i < 20; i++)
        {
            var length = random.Next(301, 20_000);
            CheckAgainstLibsodium(kernel, random, prefix: 1, length, count: random.Next(1, 20), stride: length + random.Next(0, 70));
        }
    }

    [Fact]
    public void Inputs_that_end_at_the_end_of_the_buffer_are_read_within_bounds()
    {
        // The masked loads must not touch bytes after the last input; a span ending exactly there checks the bounds logic
        // of the safe wrapper, and the kernel must still produce libsodium's digests.
        foreach (var kernel in Blake2bMultiLane.Supported)
        {
            var random = new Random(3);
            CheckAgainstLibsodium(kernel, random, prefix: 0, length: 1, count: 16, stride: 1);
            CheckAgainstLibsodium(kernel, random, prefix: 0, length: 0, count: 8, stride: 0);
        }
    }

    private static void CheckAgainstLibsodium(Blake2bMultiLane.Kernel kernel, Random random, byte prefix, int length, int count, int stride)
    {
        var data = new byte[count == 0 ? 0 : ((count - 1) * stride) + length];
        random.NextBytes(data);
        var digests = new byte[count * 32];
        Blake2bMultiLane.HashStrided(kernel, prefix, data, stride, length, count, digests);
        var expected = new byte[32];
        for (var i = 0; i < count; i++)
        {
            Blake2b256.Hash(prefix, data.AsSpan(i * stride, length), expected);
            Assert.True(
                expected.AsSpan().SequenceEqual(digests.AsSpan(i * 32, 32)),
                $"{kernel}: input {i} of length {length} (prefix {prefix}) differs from libsodium");
        }
    }
}
