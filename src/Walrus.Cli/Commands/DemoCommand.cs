using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Cli.Commands;

/// <summary>
/// <c>walrus demo</c>: the main job of the README. It brings a local network up (anvil, the contracts, storage nodes as
/// processes, a funded wallet; see <see cref="NetworkDemo"/>), stores a demo blob through the client, reads it back and
/// checks it, then keeps the network running for the user to try. <c>--in-process</c> runs only the encoding part in
/// this process: encode, lose the slivers of f shards and corrupt another, reject what does not verify, decode the rest.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Demo blob size in bytes.", DefaultValueFactory = _ => 4 << 20 };
        var shards = new Option<int>("--n-shards") { Description = "Number of shards of the committee.", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the demo data (and, in process, of which shards fail).", DefaultValueFactory = _ => 1 };
        var nodes = new Option<int>("--nodes") { Description = "Storage nodes of the local network (the contracts' minimum first committee is 4).", DefaultValueFactory = _ => 4 };
        var directory = new Option<DirectoryInfo?>("--dir") { Description = "Folder of the local network (kept afterwards); default: a new temporary folder, removed at the end." };
        var exit = new Option<bool>("--exit") { Description = "Stop the network once the blob has been read back, instead of waiting for Ctrl-C." };
        var inProcess = new Option<bool>("--in-process") { Description = "Only encode, lose f shards, verify and decode in this process (no chain, no nodes)." };
        var command = new Command("demo", "Bring a local network up, store a demo blob, read it back and check it, then keep the network running until Ctrl-C.")
        {
            size, shards, seed, nodes, directory, exit, inProcess,
        };
        command.SetAction(async (result, token) => result.GetValue(inProcess)
            ? Run(result.GetValue(size), result.GetValue(shards), result.GetValue(seed), Console.Out, Console.Error)
            : await NetworkDemo.RunAsync(
                new NetworkDemo.Settings(result.GetValue(size), result.GetValue(shards), result.GetValue(seed), result.GetValue(nodes), result.GetValue(directory)?.FullName, result.GetValue(exit)),
                Console.Out, Console.Error, token));
        return command;
    }

    internal static int Run(int size, int shardCount, int seed, TextWriter output, TextWriter error)
    {
        if (size < 0)
        {
            error.WriteLine("error: --size must not be negative.");
            return 2;
        }

        if (!EncodingConfig.TryCreate(shardCount, out var config, out var configError))
        {
            error.WriteLine($"error: invalid --n-shards: {configError}");
            return 2;
        }

        if (!config.CanEncode(size))
        {
            error.WriteLine($"error: --size {size:N0} exceeds the maximum blob size for {shardCount} shards ({config.MaxBlobSize:N0} bytes).");
            return 2;
        }

        var blob = DemoData(size, seed);
        output.WriteLine($"demo blob: {size:N0} bytes; committee of {shardCount} shards tolerating f = {config.MaxFaulty} faulty");

        var clock = Stopwatch.StartNew();
        using var encoded = new Rs2Encoder(config).Encode(blob);
        var encodeTime = clock.Elapsed;
        output.WriteLine($"encoded:   blob id {encoded.BlobId}, symbol size {encoded.SymbolSize} B, " +
            $"{config.GetEncodedLength(size):N0} bytes encoded, in {encodeTime.TotalMilliseconds:F0} ms");

        // f shards fail outright and one more shard lies: its primary sliver has a flipped byte.
        var random = new Random(seed);
        var failed = new HashSet<int>();
        while (failed.Count < config.MaxFaulty)
        {
            failed.Add(random.Next(shardCount));
        }

        int liar;
        do
        {
            liar = random.Next(shardCount);
        }
        while (failed.Contains(liar));

        var received = new List<SliverData>();
        for (var shard = 0; shard < shardCount; shard++)
        {
            if (failed.Contains(shard))
            {
                continue;
            }

            var pair = ShardMapping.PairForShard(encoded.BlobId, new ShardIndex((ushort)shard), shardCount);
            var sliver = encoded.GetSliverPair(pair).Primary;
            received.Add(shard == liar ? Corrupt(sliver) : sliver);
        }

        clock.Restart();
        var verdicts = SliverVerifier.VerifyMany(received, encoded.Metadata.Metadata, config);
        var verified = new List<SliverData>();
        var rejected = 0;
        for (var i = 0; i < received.Count; i++)
        {
            if (verdicts[i] == SliverVerificationResult.Valid)
            {
                verified.Add(received[i]);
            }
            else
            {
                rejected++;
            }
        }

        // A reader stops at n_p verified primary slivers (docs/architecture.md, "Read").
        var needed = config.SliversForDecoding(SliverType.Primary);
        var used = verified.GetRange(0, Math.Min(needed, verified.Count));
        var decoded = new Rs2Decoder(config).DecodeAndVerify(encoded.Metadata, used, ConsistencyCheck.Default);
        var readTime = clock.Elapsed;

        output.WriteLine($"read:      {failed.Count} shards down, {rejected} sliver rejected by its Merkle root, " +
            $"decoded from {used.Count} of {received.Count - rejected} verified primary slivers in {readTime.TotalMilliseconds:F0} ms");
        if (!decoded.IsSuccess)
        {
            error.WriteLine($"error: the read failed: {decoded.Status}: {decoded.Error}");
            return 1;
        }

        if (!decoded.Blob.AsSpan().SequenceEqual(blob))
        {
            error.WriteLine("error: the decoded blob differs from the stored one.");
            return 1;
        }

        output.WriteLine($"ok:        the blob read back intact (SHA-256 {Convert.ToHexStringLower(SHA256.HashData(blob))[..16]}...)");
        return 0;
    }

    private static byte[] DemoData(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static SliverData Corrupt(SliverData sliver)
    {
        var symbols = sliver.Symbols.ToArray();
        symbols[symbols.Length / 2] ^= 0x5A;
        return new SliverData(sliver.Type, sliver.Index, sliver.SymbolSize, symbols);
    }
}
