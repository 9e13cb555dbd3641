using System.Globalization;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Benchmarks.Encoding;

/// <summary>
/// A quick RS2 measurement for shared, noisy machines: wall time and process CPU time (all threads) of the metadata
/// encode (blob id), the full encode with every sliver written, the same two streaming from a file
/// (<see cref="Rs2Encoder.ComputeMetadata(string)"/>, <see cref="Rs2Encoder.EncodeStreaming(string, EncodedBlobOptions?)"/>
/// with every pair lent), and the decode from the 334 non-systematic primary
/// slivers, at 1000 shards; the run with the lowest wall time of several. CPU time is what a core-starved machine shows
/// as wall time. Run with <c>dotnet run -c Release --project bench/Walrus.Benchmarks -- rs2-cpu [bytes,...] [runs]</c>.
/// </summary>
internal static class Rs2CpuTime
{
    public static void Run(string[] args)
    {
        var sizes = args.Length > 0 ? args[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [1, 1 << 20, 32 << 20, 256 << 20];
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var config = EncodingConfig.Create(1000);
        var encoder = new Rs2Encoder(config);
        var decoder = new Rs2Decoder(config);
        Console.WriteLine($"{Environment.ProcessorCount} threads; best of {runs} runs by wall time");
        foreach (var size in sizes)
        {
            var blob = new byte[size];
            new Random(42).NextBytes(blob);
            var symbolSize = config.GetSymbolSize(size);
            var primary = new byte[config.SecondarySourceSymbols * symbolSize];
            var secondary = new byte[config.PrimarySourceSymbols * symbolSize];
            Report("metadata", size, BestOfRuns.Measure(runs, () => encoder.ComputeMetadata(blob)));
            Report("encode+slivers", size, BestOfRuns.Measure(runs, () =>
            {
                using var encoded = encoder.Encode(blob);
                for (var p = 0; p < 1000; p++)
                {
                    encoded.WritePrimarySliver(new SliverIndex((ushort)p), primary);
                    encoded.WriteSecondarySliver(new SliverIndex((ushort)p), secondary);
                }
            }));

            // The same from a file, streaming (the blob is read, never held or mapped).
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(path, blob);
                Report("metadata(file)", size, BestOfRuns.Measure(runs, () => encoder.ComputeMetadata(path)));
                Report("stream+pairs", size, BestOfRuns.Measure(runs, () =>
                {
                    using var encoded = encoder.EncodeStreaming(path);
                    encoded.ForEachSliverPair(pair => { });
                }));
            }
            finally
            {
                File.Delete(path);
            }

            BlobMetadataWithId metadata;
            SliverData[] slivers;
            using (var encoded = encoder.Encode(blob))
            {
                metadata = encoded.Metadata;
                slivers = [.. Enumerable.Range(666, 334).Select(i => encoded.GetPrimarySliver(new SliverIndex((ushort)i)))];
            }

            var output = new byte[size];
            Report("decode", size, BestOfRuns.Measure(runs, () => decoder.TryDecodeAndVerify(metadata, slivers, output, ConsistencyCheck.Skip, out _)));
            Report("decode+check", size, BestOfRuns.Measure(runs, () => decoder.TryDecodeAndVerify(metadata, slivers, output, ConsistencyCheck.Default, out _)));
        }
    }

    private static void Report(string what, int size, (double Wall, double Cpu) time) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-15} {size,10} B  wall {time.Wall,9:F1} ms {size / time.Wall / 1e3,8:F1} MB/s   cpu {time.Cpu,9:F1} ms {size / time.Cpu / 1e3,8:F1} MB/s"));
}
