using System.Globalization;
using System.Text;
using System.Text.Json;
using HdrHistogram;

namespace Walrus.Load;

/// <summary>The outcome of a load run: operations, bytes, throughput and latency percentiles (successful operations only).</summary>
internal sealed record LoadReport(LoadOptions Options, TimeSpan Elapsed, LongHistogram Latency, long Bytes, long Errors, string? FirstError, double? LoadBefore, double? LoadAfter)
{
    public long Operations => Latency.TotalCount;

    /// <summary>Throughput in MB/s (10^6 bytes per second) over the whole run.</summary>
    public double MegabytesPerSecond => Bytes / 1e6 / Elapsed.TotalSeconds;

    public double MebibytesPerSecond => Bytes / (double)(1 << 20) / Elapsed.TotalSeconds;

    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>A latency percentile in milliseconds (0 when nothing succeeded).</summary>
    public double Millis(double percentile) => Operations == 0 ? 0 : Latency.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMillis => Operations == 0 ? 0 : Latency.GetMaxValue() / 1000.0;

    public string ToText()
    {
        var mode = Options.Mode.ToString().ToLowerInvariant();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{mode}: {Options.Clients} client(s) x {SizeText.Format(Options.Size)}, {Elapsed.TotalSeconds:F1} s: ");
        text.Append(CultureInfo.InvariantCulture, $"{Operations} ok, {Errors} failed, {OperationsPerSecond:F2} ops/s, {MegabytesPerSecond:F2} MB/s ({MebibytesPerSecond:F2} MiB/s)\n");
        text.Append(CultureInfo.InvariantCulture, $"{mode} latency ms: p50 {Millis(50):F1}  p90 {Millis(90):F1}  p99 {Millis(99):F1}  max {MaxMillis:F1}\n");
        text.Append(CultureInfo.InvariantCulture, $"load average (1 min): {Format(LoadBefore)} before, {Format(LoadAfter)} after");
        if (FirstError is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nfirst error: {FirstError}");
        }

        return text.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("mode", Options.Mode.ToString().ToLowerInvariant());
            writer.WriteNumber("clients", Options.Clients);
            writer.WriteNumber("size", Options.Size);
            writer.WriteNumber("seconds", Math.Round(Elapsed.TotalSeconds, 3));
            writer.WriteNumber("operations", Operations);
            writer.WriteNumber("errors", Errors);
            writer.WriteNumber("bytes", Bytes);
            writer.WriteNumber("mbPerSecond", Math.Round(MegabytesPerSecond, 3));
            writer.WriteNumber("mibPerSecond", Math.Round(MebibytesPerSecond, 3));
            writer.WriteNumber("opsPerSecond", Math.Round(OperationsPerSecond, 3));
            writer.WriteStartObject("latencyMs");
            writer.WriteNumber("p50", Millis(50));
            writer.WriteNumber("p90", Millis(90));
            writer.WriteNumber("p99", Millis(99));
            writer.WriteNumber("max", MaxMillis);
            writer.WriteEndObject();
            WriteNullable(writer, "loadAverageBefore", LoadBefore);
            WriteNullable(writer, "loadAverageAfter", LoadAfter);
            if (FirstError is null)
            {
                writer.WriteNull("firstError");
            }
            else
            {
                writer.WriteString("firstError", FirstError);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Format(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
