using System.Buffers.Binary;
using Walrus.Chain.Abi;
using Walrus.Chain.Rpc;
using Walrus.Chain.Services;
using Walrus.Chain.Tests.Fakes;
using Walrus.Chain.Transactions;
using Xunit.Abstractions;

namespace Walrus.Chain.Tests.Abi;

/// <summary>
/// Return data whose 4,000 string[] offsets all point at one 32 KiB string: 157 KiB that used to decode into
/// 4,000 copies (250 MiB of strings). Decoding must stay proportional to the input.
/// </summary>
public sealed class AbiOverlapBombTests(ITestOutputHelper output)
{
    private const int Entries = 4000;
    private const int StringLength = 32 * 1024;
    private static readonly AbiType[] StringArray = [AbiType.Parse("string[]")];

    [Fact]
    public void The_overlap_bomb_is_refused_with_allocation_bounded_by_the_input()
    {
        var bomb = Bomb();
        AbiCodec.Decode(StringArray, AbiCodec.Encode(StringArray, (object)new object?[] { "warm up" }));

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<FormatException>(() => AbiCodec.Decode(StringArray, bomb));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"overlap bomb: {bomb.Length} bytes in, {allocated} bytes allocated before the refusal");
        Assert.InRange(bomb.Length, 150 * 1024, 160 * 1024);
        Assert.True(allocated < 4L * bomb.Length, $"decoding {bomb.Length} bytes allocated {allocated} bytes");
    }

    [Fact]
    public void A_canonical_array_of_as_many_distinct_strings_decodes_in_full()
    {
        var strings = new object?[Entries];
        for (var i = 0; i < Entries; i++)
        {
            strings[i] = new string((char)('a' + (i % 26)), 40);
        }

        var data = AbiCodec.Encode(StringArray, (object)strings);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decoded = (object?[])AbiCodec.Decode(StringArray, data)[0]!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"canonical string[{Entries}]: {data.Length} bytes in, {allocated} bytes allocated");
        Assert.Equal(strings, decoded);
        Assert.True(allocated < 4L * data.Length, $"decoding {data.Length} bytes allocated {allocated} bytes");
    }

    [Fact]
    public async Task The_bomb_as_an_eth_call_reply_is_a_malformed_reply()
    {
        await using var server = new ScriptedRpcServer();
        server.When("eth_call", call => Task.FromResult(call.Result("\"" + Hex.Encode(Bomb()) + "\"")));
        using var rpc = new JsonRpcClient(new JsonRpcClientOptions { Endpoint = server.Endpoint, MaxRetries = 0 });
        var contracts = new ContractClient(new TransactionSender(new EthClient(rpc)));
        var names = AbiFunction.Parse("names() returns (string[])");

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() =>
            contracts.CallAsync(Address.Zero, names, [], new AbiErrorRegistry(), CancellationToken.None));

        Assert.Equal("eth_call", error.Method);
        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Bomb()
    {
        var arrayStart = 32;
        var tail = 32 + (Entries * 32);
        var data = new byte[arrayStart + tail + 32 + StringLength];
        Word(data, 0, arrayStart);
        Word(data, arrayStart, Entries);
        for (var i = 0; i < Entries; i++)
        {
            // Offsets are relative to the first element's head, right after the length word.
            Word(data, arrayStart + 32 + (i * 32), Entries * 32);
        }

        Word(data, arrayStart + tail, StringLength);
        data.AsSpan(arrayStart + tail + 32).Fill((byte)'x');
        return data;
    }

    private static void Word(byte[] data, int at, int value) => BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(at + 28), value);
}
