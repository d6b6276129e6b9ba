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
    public async Task CheckMetrics_InvalidFile_PrintsEveryProblemWithItsLineAndExitsOne()
    {
        var path = DataFile("invalid.prom");

        var (code, lines) = await RunAsync(path);

        Assert.Equal(1, code);
        Assert.Equal(
        [
            $"{path} (Prometheus text 0.0.4): 2 metric families, 5 samples",
            "line 4: duplicate series node_load1 (first on line 3)",
            "line 7: histogram http_request_duration_seconds bucket le=\"1\" has 8, less than the previous bucket's 10 (buckets are cumulative and must not decrease)",
            "line 8: histogram http_request_duration_seconds has no le=\"+Inf\" bucket",
            "line 10: label path: invalid escape sequence '\\t' (only \\\\, \\n and \\\" are allowed)",
            "line 11: metric family node_load1 appears again (first on line 1); the lines of a family must be together",
            "line 12: invalid value 'one'",
            "invalid: 6 problems",
        ], lines);
    }

    [Fact]
    public async Task CheckMetrics_OpenMetricsForcedOnTextFile_ReportsMissingEof()
    {
        var path = DataFile("valid.prom");

        var (code, lines) = await RunAsync(path, "--format", "openmetrics");

        Assert.Equal(1, code);
        Assert.Contains("missing # EOF at the end (required by OpenMetrics; truncated body?)", lines[^2], StringComparison.Ordinal);
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
