using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Walrus.Benchmarks.Encoding;

/// <summary>MB/s of blob (10^6 bytes of the "Size" parameter) from the median time.</summary>
public sealed class BlobThroughputColumn : IColumn
{
    public string Id => nameof(BlobThroughputColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Blob bytes per second, 10^6 bytes, from the median";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null || !benchmarkCase.Parameters.Items.Any(p => p.Name == "Size"))
        {
            return "-";
        }

        var size = Convert.ToDouble(benchmarkCase.Parameters["Size"], System.Globalization.CultureInfo.InvariantCulture);
        var seconds = report.ResultStatistics.Median / 1e9;
        return (size / seconds / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
