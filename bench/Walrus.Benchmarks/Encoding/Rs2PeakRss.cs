using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Walrus.Core;
using Walrus.Core.Encoding;

namespace Walrus.Benchmarks.Encoding;

/// <summary>
/// Peak resident memory (Linux VmHWM, the whole process: managed heap, native buffers, runtime) of a streaming encode and
/// a streaming decode of a blob file, against the blob's size. Encode: <see cref="Rs2Encoder.EncodeStreaming(string, EncodedBlobOptions?)"/>,
/// then every sliver pair's two slivers written as BCS into a buffer writer, as an uploader would (the buffer is
/// reused, as if each pair was sent at once). The primary slivers a reader would fetch are saved to files: every
/// systematic sliver but each third (their nodes are "down") and as many non-systematic ones as needed. Decode:
/// <see cref="StreamingBlobDecoder"/> into a file, slivers added one by one in a shuffled order, the default
/// consistency check; the output is compared with the blob. The peak is reset between the phases (/proc/self/clear_refs).
/// Wall and process CPU times are printed too (CPU time is what a shared, core-starved machine can compare).
/// Run with <c>dotnet run -c Release --project bench/Walrus.Benchmarks -- rs2-rss [MiB] [shards] [folder]</c>.
/// </summary>
internal static class Rs2PeakRss
{
    public static void Run(string[] args)
    {
        var mebibytes = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
        var shards = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var folder = Path.Combine(args.Length > 2 ? args[2] : Path.GetTempPath(), "walrus-rs2-rss-" + Environment.ProcessId);
        var size = mebibytes << 20;
        var config = EncodingConfig.Create(shards);
        var encoder = new Rs2Encoder(config);
        Directory.CreateDirectory(folder);
        try
        {
            var blobPath = Path.Combine(folder, "blob");
            var blobHash = WriteBlob(blobPath, size);
            var rows = config.PrimarySourceSymbols;
            Console.WriteLine($"{size} byte blob, {shards} shards, {Environment.ProcessorCount} threads; before encode: RSS {Rss("VmRSS")}");

            // Encode.
            ResetPeak();
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            BlobMetadataWithId metadata;
            var saved = new List<int>();
            using (var encoded = encoder.EncodeStreaming(blobPath))
            {
                var metadataTime = clock.Elapsed;
                var metadataCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                metadata = encoded.Metadata;
                var writer = new ArrayBufferWriter<byte>(encoded.PrimarySliverLength + 16);
                long bcsBytes = 0;
                var extraNeeded = rows - (rows - ((rows + 2) / 3));
                encoded.ForEachSliverPair(pair =>
                {
                    writer.ResetWrittenCount();
                    pair.WritePrimaryBcs(writer);
                    pair.WriteSecondaryBcs(writer);
                    bcsBytes += writer.WrittenCount;
                    var p = pair.Index.Value;
                    if ((p < rows && p % 3 != 0) || (p >= rows && extraNeeded-- > 0))
                    {
                        File.WriteAllBytes(Path.Combine(folder, "primary-" + p), pair.Primary.ToArray());
                        saved.Add(p);
                    }
                });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"encode: metadata {metadataTime.TotalSeconds:F1} s ({metadataCpu.TotalSeconds:F1} s CPU), with all {shards} pairs {clock.Elapsed.TotalSeconds:F1} s ({CpuSince(cpu):F1} s CPU; {bcsBytes / (double)size:F2}x the blob as BCS), blob id {metadata.BlobId}"));
            }

            var encodePeak = PeakBytes();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"encode peak RSS {encodePeak >> 20} MiB = {encodePeak / (double)size:F2}x the blob"));

            // Decode.
            ResetPeak();
            clock.Restart();
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var outputPath = Path.Combine(folder, "decoded");
            var order = saved.ToArray();
            new Random(7).Shuffle(order);
            using (var decoder = StreamingBlobDecoder.Create(config, metadata, outputPath))
            {
                foreach (var p in order)
                {
                    var data = File.ReadAllBytes(Path.Combine(folder, "primary-" + p));
                    var result = decoder.Add(new SliverData(SliverType.Primary, new SliverIndex((ushort)p), config.GetSymbolSize(size), data));
                    if (result != SliverAddResult.Added)
                    {
                        throw new InvalidOperationException($"sliver {p}: {result}");
                    }
                }

                var status = decoder.Finish(ConsistencyCheck.Default, out var error);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"decode: {order.Length} slivers ({order.Count(p => p >= rows)} not systematic) {clock.Elapsed.TotalSeconds:F1} s ({CpuSince(cpu):F1} s CPU), {status} {error}"));
            }

            var decodePeak = PeakBytes();
            var same = HashFile(outputPath).AsSpan().SequenceEqual(blobHash);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"decode peak RSS {decodePeak >> 20} MiB = {decodePeak / (double)size:F2}x the blob; output {(same ? "equals" : "DIFFERS FROM")} the blob"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double CpuSince(TimeSpan start) => (Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds;

    private static byte[] WriteBlob(string path, long size)
    {
        var random = new Random(42);
        var chunk = new byte[1 << 20];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0))
        {
            for (long done = 0; done < size; done += chunk.Length)
            {
                var count = (int)Math.Min(chunk.Length, size - done);
                random.NextBytes(chunk);
                file.Write(chunk, 0, count);
                hash.AppendData(chunk, 0, count);
            }
        }

        return hash.GetHashAndReset();
    }

    private static byte[] HashFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return SHA256.HashData(file);
    }

    /// <summary>Resets VmHWM to the current RSS (Linux 4.0+).</summary>
    private static void ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    private static long PeakBytes() => Rss("VmHWM");

    private static long Rss(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No {field} in /proc/self/status.");
    }
}
