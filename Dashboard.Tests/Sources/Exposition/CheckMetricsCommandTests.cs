using Dashboard.Hosting;

namespace Dashboard.Tests.Sources.Exposition;

/// <summary>The check-metrics verb, run in-process on files under Data/.</summary>
public sealed class CheckMetricsCommandTests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Sources", "Exposition", "Data", name);

    private static async Task<(int Code, string[] Lines)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await CheckMetricsCommand.RunAsync(args, output, CancellationToken.None);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task CheckMetrics_ValidFile_PrintsCountsAndExitsZero()
    {
        var path = DataFile("valid.prom");

        var (code, lines) = await RunAsync(path);

        Assert.Equal(0, code);
        Assert.Equal([$"{path} (Prometheus text 0.0.4): 5 metric families, 14 samples"], lines);
    }

    [Fact]
    public async Task CheckMetrics_ValidOpenMetricsFile_DetectedByEof()
    {
        var path = DataFile("valid.om.txt");

        var (code, lines) = await RunAsync(path);

        Assert.Equal(0, code);
        Assert.Equal([$"{path} (OpenMetrics 1.0): 2 metric families, 3 samples"], lines);
    }

    [Fact]
    public async Task CheckMetrics_InvalidFile_PrintsErrorsAndWarningsInLineOrderAndExitsOne()
    {
        var path = DataFile("invalid.prom");

        var (code, lines) = await RunAsync(path);

        Assert.Equal(1, code);
        Assert.Equal(
        [
            $"{path} (Prometheus text 0.0.4): 4 metric families, 6 samples",
            "line 4: warning: duplicate series node_load1 (first on line 3); this sample is dropped, as Prometheus drops it",
            "line 7: warning: histogram http_request_duration_seconds bucket le=\"1\" has 8, less than the previous bucket's 10 (buckets are cumulative and must not decrease)",
            "line 8: warning: histogram http_request_duration_seconds has no le=\"+Inf\" bucket",
            "line 10: warning: label path: unknown escape sequence '\\t' kept as written (the format defines \\\\, \\n and \\\")",
            "line 11: warning: metric family node_load1 appears again (first on line 1); the lines of a family should be together",
            "line 12: invalid value 'one'",
            "invalid: 1 problem, 5 warnings",
        ], lines);
    }

    [Fact]
    public async Task CheckMetrics_GoClientOpenMetrics_WarnsOfTheSharedFamilyNameAndExitsZero()
    {
        var path = DataFile("go-client.om.txt");

        var (code, lines) = await RunAsync(path);

        Assert.Equal(0, code);
        Assert.Equal(3, lines.Length);
        Assert.Equal($"{path} (OpenMetrics 1.0): 42 metric families, 85 samples", lines[0]);
        Assert.StartsWith("line 25: warning: second # HELP for go_memstats_alloc_bytes", lines[1], StringComparison.Ordinal);
        Assert.Equal("valid, with 1 warning: Prometheus would ingest it, and so does the dashboard", lines[2]);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("openmetrics")]
    public async Task CheckMetrics_LabelValuesOf5And64KB_WarnsWithLinesAndExitsZero(string format)
    {
        var path = Path.Combine(Path.GetTempPath(), $"check-metrics-long-labels-{Guid.NewGuid():N}.txt");
        var eof = format == "openmetrics" ? "# EOF\n" : "";
        await File.WriteAllTextAsync(path, $"# TYPE q gauge\nq{{sql=\"{new string('s', 5 * 1024)}\"}} 1\nq{{sql=\"{new string('t', 64 * 1024)}\"}} 2\n{eof}");
        try
        {
            var (code, lines) = await RunAsync(path, "--format", format);

            Assert.Equal(0, code);
            Assert.Equal(
            [
                "line 2: warning: value of label sql is 5120 bytes, longer than 4096 (Prometheus takes it unless label_value_length_limit is set)",
                "line 3: warning: value of label sql is 65536 bytes, longer than 4096 (Prometheus takes it unless label_value_length_limit is set)",
                "valid, with 2 warnings: Prometheus would ingest it, and so does the dashboard",
            ], lines[1..]);
            Assert.EndsWith(": 1 metric families, 2 samples", lines[0], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task CheckMetrics_OpenMetricsForcedOnTextFile_ReportsMissingEof()
    {
        var path = DataFile("valid.prom");

        var (code, lines) = await RunAsync(path, "--format", "openmetrics");

        Assert.Equal(1, code);
        Assert.Contains("line 23: missing # EOF at the end (required by OpenMetrics; truncated body?)", lines);
        Assert.StartsWith("invalid: 3 problems", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckMetrics_MissingFile_ExitsTwo()
    {
        var (code, lines) = await RunAsync(DataFile("no-such-file.prom"));

        Assert.Equal(2, code);
        Assert.StartsWith("check-metrics: cannot read ", lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--format")]
    [InlineData("a.prom", "b.prom")]
    [InlineData("a.prom", "--frobnicate")]
    public async Task CheckMetrics_BadUsage_ExitsTwoWithUsage(params string[] args)
    {
        var (code, lines) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(lines, l => l.StartsWith("usage: Dashboard check-metrics", StringComparison.Ordinal));
    }
}
