using System.Globalization;
using Walrus.Core.Encoding;
using Walrus.Core.Quilts;

namespace Walrus.Benchmarks.Quilts;

/// <summary>
/// A quick quilt measurement at 1000 shards: laying out and writing the quilt blob, its blob id, and reading one patch
/// from only its secondary slivers; with the encoded size of the quilt against one blob per file. Best of several runs
/// by wall time, with process CPU time. Run with <c>dotnet run -c Release --project bench/Walrus.Benchmarks -- quilt-cpu [runs]</c>.
/// </summary>
internal static class QuiltCpuTime
{
    public static void Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var config = EncodingConfig.Create(1000);
        var encoder = new Rs2Encoder(config);
        Console.WriteLine($"{Environment.ProcessorCount} threads; best of {runs} runs by wall time; 1000 shards");
        foreach (var (count, size) in new[] { (600, 10 << 10), (666, 1 << 10), (10, 1 << 20) })
        {
            var random = new Random(42);
            var files = new byte[count][];
            for (var i = 0; i < count; i++)
            {
                files[i] = new byte[size];
                random.NextBytes(files[i]);
            }

            QuiltV1 Build()
            {
                var builder = new QuiltBuilder(config);
                for (var i = 0; i < count; i++)
                {
                    builder.Add($"file-{i:D4}.bin", files[i], new Dictionary<string, string> { ["content-type"] = "application/octet-stream" });
                }

                return builder.Build();
            }

            var quilt = Build();
            var blob = new byte[quilt.Length];
            var name = $"{count} x {size} B";
            Report(name, "layout+write", BestOfRuns.Measure(runs, () => Build().WriteTo(blob)));
            Report(name, "quilt blob id", BestOfRuns.Measure(runs, () => encoder.ComputeBlobId(blob)));

            var patch = quilt.Index.Patches[count / 2];
            SliverData[] columns;
            using (var encoded = encoder.Encode(blob))
            {
                columns = [.. patch.InternalId.SecondarySliverIndices().Select(encoded.GetSecondarySliver)];
            }

            Report(name, "read 1 patch", BestOfRuns.Measure(runs, () =>
            {
                QuiltColumns.TryFromSlivers(config, columns, out var held, out _);
                QuiltReader.TryReadPatch(held!, patch.InternalId, out _, out _);
            }));

            var quiltEncoded = config.GetEncodedLength(quilt.Length);
            var separate = count * config.GetEncodedLength(size);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-18} quilt {quilt.Length,11} B (S = {quilt.SymbolSize}), encoded {quiltEncoded,14} B; {count} blobs encoded {separate,15} B; {(double)separate / quiltEncoded,6:F1}x"));
        }
    }

    private static void Report(string name, string what, (double Wall, double Cpu) time) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-18} {what,-14} wall {time.Wall,9:F2} ms   cpu {time.Cpu,9:F2} ms"));
}
