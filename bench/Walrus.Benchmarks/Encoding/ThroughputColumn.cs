using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Walrus.Benchmarks.Encoding;

/// <summary>
/// GB/s of input data (original shards: k × shard bytes) from the median time, or from the fastest iteration (on a
/// shared, noisy machine the best iteration is the closest to the undisturbed speed).
/// </summary>
public sealed class ThroughputColumn(bool fromMinimum = false) : IColumn
{
    public string Id => nameof(ThroughputColumn) + (fromMinimum ? "Min" : "");

    public string ColumnName => fromMinimum ? "GB/s (best)" : "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Input data (k original shards) per second, 10^9 bytes, from the {(fromMinimum ? "fastest iteration" : "median")}";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null)
        {
            return "-";
        }

        var shape = (string)benchmarkCase.Parameters["Shape"];
        var k = int.Parse(shape.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture);
        var shardBytes = (int)benchmarkCase.Parameters["ShardBytes"];
        var seconds = (fromMinimum ? report.ResultStatistics.Min : report.ResultStatistics.Median) / 1e9;
        return (k * (double)shardBytes / seconds / 1e9).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
