using Dashboard.Services.Forecasts;

namespace Dashboard.Tests.Web;

/// <summary>Uploaded CSVs: what is accepted, and errors that name the line and the problem.</summary>
public sealed class ForecastCsvTests
{
    [Fact]
    public void Parse_HeaderUnixAndIsoTimestamps_AllRead()
    {
        var (samples, error) = ForecastCsv.Parse(new StringReader("timestamp,value\n1700000000,1.5\n2023-11-14T22:13:20Z,2\n\n"));

        Assert.Null(error);
        Assert.Equal(2, samples!.Count);
        Assert.Equal(1_700_000_000_000, samples[0].UnixMilliseconds);
        Assert.Equal(1.5, samples[0].Value);
        Assert.Equal(1_700_000_000_000, samples[1].UnixMilliseconds);
    }

    [Theory]
    [InlineData("1700000000,1\n1700003600\n", "Line 2: expected 2 fields")]
    [InlineData("1700000000,1\nyesterday,2\n", "Line 2: \"yesterday\" is not a Unix time")]
    [InlineData("1700000000,lots\n", "Line 1: \"lots\" is not a number")]
    [InlineData("timestamp,value\n", "no data lines")]
    public void Parse_BadLine_ErrorNamesLineAndProblem(string csv, string expected)
    {
        var (samples, error) = ForecastCsv.Parse(new StringReader(csv));

        Assert.Null(samples);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Export_QuotesCommasAndGuardsFormulas()
    {
        var at = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var summary = new ForecastSummary("disk", "Disk, root", "=cmd", "%", "Forecasted", "ok", 61.5, "Linear", 0,
            new Dictionary<string, double>(), "Rising", 0.95, 2.5, 0.7, 4,
            new CrossingView("Expected", 75, at.AddDays(10), at.AddDays(8), at.AddDays(13), true, 10), null, at, at.AddDays(-30), at, at.AddDays(90));

        var lines = ForecastCsv.Export([summary]).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.Contains("\"Disk, root\"", lines[1]);
        Assert.Contains(",'=cmd,", lines[1]);
        Assert.Contains("2026-12-09T12:00:00.0000000Z", lines[1]);
    }
}
