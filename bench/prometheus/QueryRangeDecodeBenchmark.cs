using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Bench.Prometheus;

/// <summary>
/// Decoding a ~1 MB <c>query_range</c> matrix as Prometheus writes it: node_exporter-like label sets,
/// millisecond timestamps, full-precision values and a few NaN/+Inf, 27 series x 1,000 points (about 1.0 MB).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class QueryRangeDecodeBenchmark
{
    // Deterministic (fixed seed), so the host process that prints the table knows the size too.
    private static readonly Lazy<byte[]> Body = new(() => Encoding.UTF8.GetBytes(BuildMatrix(series: 27, points: 1_000)));
    private byte[] body = [];

    private static int Bytes => Body.Value.Length;

    [GlobalSetup]
    public void Setup() => body = Body.Value;

    [Benchmark]
    public int Decode() => PrometheusResponseParser.Parse(body, "http://bench/api/v1/query_range").Series.Count;

    internal static string BuildMatrix(int series, int points)
    {
        var random = new Random(42);
        var json = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
        for (var s = 0; s < series; s++)
        {
            json.Append(s == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"metric\":{{\"__name__\":\"node_cpu_seconds_total\",\"cpu\":\"{s}\",\"instance\":\"host-{s % 4}.example.internal:9100\",\"job\":\"node\",\"mode\":\"idle\"}},\"values\":[");
            for (var p = 0; p < points; p++)
            {
                var time = 1_700_000_000.0 + p * 15 + 0.123;
                var value = p % 500 == 499 ? "NaN" : p % 997 == 996 ? "+Inf" : (random.NextDouble() * 1e5).ToString("R", CultureInfo.InvariantCulture);
                json.Append(p == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[{time:0.###},\"{value}\"]");
            }
            json.Append("]}");
        }
        return json.Append("]}}").ToString();
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn());
    }

    /// <summary>MB/s = response bytes / mean time per decode (MB = 10^6 bytes).</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => "MBps";
        public string ColumnName => "MB/s";
        public string Legend => "Decoded response megabytes (10^6 bytes) per second, from the mean";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is > 0 ? (Bytes / 1e6 / (mean.Value / 1e9)).ToString("0", CultureInfo.InvariantCulture) + $" ({Bytes / 1e6:0.00} MB)" : "n/a";
        }
    }
}
