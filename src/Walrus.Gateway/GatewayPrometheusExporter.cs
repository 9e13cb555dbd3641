using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Walrus.Gateway;

/// <summary>
/// Prometheus text format (0.0.4) of the gateway's meter: counters summed, histograms with cumulative buckets
/// (<c>_bucket{le=...}</c>, <c>_sum</c>, <c>_count</c>).
/// </summary>
public sealed class GatewayPrometheusExporter : IDisposable
{
    /// <summary>Histogram bucket bounds (seconds for latencies).</summary>
    private static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), Series> _series = new();

    /// <summary>Exports the instruments of <paramref name="meter"/>.</summary>
    public GatewayPrometheusExporter(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>The exposition text, sorted by name.</summary>
    public string Scrape()
    {
        var text = new StringBuilder();
        string? current = null;
        foreach (var ((name, labels), series) in _series.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal).ThenBy(kv => kv.Key.Labels, StringComparer.Ordinal))
        {
            if (name != current)
            {
                current = name;
                text.Append("# HELP ").Append(name).Append(' ').Append(series.Description).Append('\n');
                text.Append("# TYPE ").Append(name).Append(' ').Append(series.Buckets is null ? "counter" : "histogram").Append('\n');
            }

            lock (series)
            {
                if (series.Buckets is { } buckets)
                {
                    long cumulative = 0;
                    for (var b = 0; b <= Bounds.Length; b++)
                    {
                        cumulative += buckets[b];
                        var le = b < Bounds.Length ? Format(Bounds[b]) : "+Inf";
                        text.Append(name).Append("_bucket").Append(WithLabel(labels, "le", le)).Append(' ').Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
                    }

                    text.Append(name).Append("_sum").Append(labels).Append(' ').Append(Format(series.Value)).Append('\n');
                    text.Append(name).Append("_count").Append(labels).Append(' ').Append(series.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
                else
                {
                    text.Append(name).Append(labels).Append(' ').Append(Format(series.Value)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var histogram = instrument is Histogram<double> or Histogram<long>;
        var series = _series.GetOrAdd((instrument.Name, Labels(tags)), _ => new Series(instrument.Description ?? instrument.Name, histogram ? new long[Bounds.Length + 1] : null));
        lock (series)
        {
            series.Value += value;
            series.Count++;
            if (series.Buckets is { } buckets)
            {
                var b = 0;
                while (b < Bounds.Length && value > Bounds[b])
                {
                    b++;
                }

                buckets[b]++;
            }
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            pairs.Add(key + "=\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return "{" + string.Join(",", pairs) + "}";
    }

    private static string WithLabel(string labels, string key, string value) =>
        labels.Length == 0 ? "{" + key + "=\"" + value + "\"}" : labels[..^1] + "," + key + "=\"" + value + "\"}";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _listener.Dispose();

    private sealed class Series(string description, long[]? buckets)
    {
        public string Description { get; } = description.Replace('\n', ' ');

        public long[]? Buckets { get; } = buckets;

        public double Value { get; set; }

        public long Count { get; set; }
    }
}
