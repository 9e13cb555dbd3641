using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Walrus.StorageNode.Api;

/// <summary>
/// A small Prometheus text-format (0.0.4) exporter over <see cref="MeterListener"/>: counters are summed, gauges and
/// up-down counters keep their last value, histograms export their sum and count. Listens to the meters given at creation.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), Series> _series = new();
    private readonly HashSet<string> _meterNames;
    private readonly HashSet<Meter> _meters;

    /// <summary>Exports <paramref name="meters"/> (these instances only) and every meter named in <paramref name="meterNames"/>.</summary>
    public PrometheusExporter(IEnumerable<Meter> meters, IEnumerable<string> meterNames)
    {
        _meters = [.. meters];
        _meterNames = [.. meterNames];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter) || _meterNames.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>The exposition text of every series, sorted by name.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        string? current = null;
        foreach (var ((name, labels), series) in _series.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal).ThenBy(kv => kv.Key.Labels, StringComparer.Ordinal))
        {
            var metric = Sanitize(name);
            if (metric != current)
            {
                current = metric;
                text.Append("# HELP ").Append(metric).Append(' ').Append(series.Description.Replace('\n', ' ')).Append('\n');
                text.Append("# TYPE ").Append(metric).Append(' ').Append(series.Type).Append('\n');
            }

            if (series.Type == "summary")
            {
                text.Append(metric).Append("_sum").Append(labels).Append(' ').Append(Format(series.Value)).Append('\n');
                text.Append(metric).Append("_count").Append(labels).Append(' ').Append(Format(series.Count)).Append('\n');
            }
            else
            {
                text.Append(metric).Append(labels).Append(' ').Append(Format(series.Value)).Append('\n');
            }
        }

        return text.ToString();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var type = instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<double> => "counter",
            Histogram<long> or Histogram<int> or Histogram<double> => "summary",
            _ => "gauge",
        };
        var series = _series.GetOrAdd((instrument.Name, labels), _ => new Series(type, instrument.Description ?? instrument.Name));
        lock (series)
        {
            var cumulative = instrument is Counter<long> or Counter<int> or Counter<double> or Histogram<long> or Histogram<int> or Histogram<double>
                || instrument.GetType().Name.StartsWith("UpDownCounter", StringComparison.Ordinal);
            series.Value = cumulative ? series.Value + value : value;
            series.Count++;
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
            pairs.Add(Sanitize(key) + "=\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return "{" + string.Join(",", pairs) + "}";
    }

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '_' && chars[i] != ':')
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _listener.Dispose();

    private sealed class Series(string type, string description)
    {
        public string Type { get; } = type;

        public string Description { get; } = description;

        public double Value { get; set; }

        public double Count { get; set; }
    }
}
