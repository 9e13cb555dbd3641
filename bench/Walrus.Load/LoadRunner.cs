using System.Buffers.Binary;
using System.Diagnostics;
using HdrHistogram;
using Walrus.Client;
using Walrus.Core;

namespace Walrus.Load;

/// <summary>
/// Runs N workers sharing one <see cref="WalrusClient"/> (one wallet, one nonce manager), each doing one store or read at a
/// time until the duration or the operation count is used up, and records every successful operation's latency in an
/// HdrHistogram (microseconds, 3 significant digits).
/// </summary>
internal static class LoadRunner
{
    private const long HighestMicros = 3_600_000_000; // One hour.

    public static async Task<LoadReport> RunAsync(WalrusClient client, LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        if (options.Size > Array.MaxLength)
        {
            throw new ArgumentException($"--size {options.Size}: at most {Array.MaxLength} bytes (each worker holds one blob in memory).");
        }

        var size = (int)options.Size;
        var run = Guid.NewGuid().ToByteArray();
        var targets = Array.Empty<BlobId>();
        if (options.Mode == LoadMode.Read)
        {
            targets = await StoreTargetsAsync(client, options, size, run, log, cancellationToken);
        }

        var histograms = new LongHistogram[options.Clients];
        long next = -1, bytes = 0, errors = 0;
        string? firstError = null;
        var loadBefore = LoadAverage();
        var clock = Stopwatch.StartNew();

        async Task WorkAsync(int worker)
        {
            var histogram = histograms[worker] = new LongHistogram(HighestMicros, 3);
            var blob = options.Mode == LoadMode.Store ? Blob(size, seed: worker) : [];
            using var output = new MemoryStream();
            while (!cancellationToken.IsCancellationRequested)
            {
                var op = Interlocked.Increment(ref next);
                if (options.Count is { } count ? op >= count : clock.Elapsed >= options.Duration)
                {
                    return;
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (options.Mode == LoadMode.Store)
                    {
                        MakeUnique(blob, run, op);
                        await client.StoreAsync(blob, new StoreOptions { Epochs = options.Epochs }, cancellationToken: cancellationToken);
                    }
                    else
                    {
                        output.SetLength(0);
                        await client.ReadAsync(targets[op % targets.Length], output, cancellationToken: cancellationToken);
                    }
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
                    continue;
                }

                histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
                Interlocked.Add(ref bytes, size);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(w => Task.Run(() => WorkAsync(w), cancellationToken)));
        var elapsed = clock.Elapsed;
        var total = new LongHistogram(HighestMicros, 3);
        foreach (var histogram in histograms)
        {
            if (histogram is not null)
            {
                total.Add(histogram);
            }
        }

        return new LoadReport(options, elapsed, total, bytes, errors, firstError, loadBefore, LoadAverage());
    }

    /// <summary>Read mode: stores <see cref="LoadOptions.Blobs"/> distinct blobs first (not timed) for the workers to read in turn.</summary>
    private static async Task<BlobId[]> StoreTargetsAsync(WalrusClient client, LoadOptions options, int size, byte[] run, TextWriter log, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync($"read: storing {options.Blobs} blob(s) of {SizeText.Format(size)} to read (not timed)...");
        var targets = new BlobId[options.Blobs];
        var blob = Blob(size, seed: 1_000);
        for (var i = 0; i < targets.Length; i++)
        {
            MakeUnique(blob, run, -1 - i);
            targets[i] = (await client.StoreAsync(blob, new StoreOptions { Epochs = options.Epochs }, cancellationToken: cancellationToken)).BlobId;
        }

        return targets;
    }

    private static byte[] Blob(int size, int seed)
    {
        var blob = new byte[size];
        new Random(seed).NextBytes(blob);
        return blob;
    }

    /// <summary>The run's id and the operation number at the start of the blob, so that no two stores (in this run or another) share a blob id.</summary>
    private static void MakeUnique(byte[] blob, byte[] run, long op)
    {
        Span<byte> prefix = stackalloc byte[24];
        BinaryPrimitives.WriteInt64LittleEndian(prefix, op);
        run.CopyTo(prefix[8..]);
        prefix[..Math.Min(prefix.Length, blob.Length)].CopyTo(blob);
    }

    /// <summary>The 1-minute load average (/proc/loadavg), or null where there is none.</summary>
    private static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
