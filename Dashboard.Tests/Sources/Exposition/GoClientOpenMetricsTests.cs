using System.Globalization;
using Dashboard.Jobs.Sources.Exposition;

namespace Dashboard.Tests.Sources.Exposition;

/// <summary>
/// What a Go service serves when the scraper asks for OpenMetrics (client_golang's promhttp with
/// created samples on): Data/go-client.om.txt. Its gauge go_memstats_alloc_bytes and its counter
/// go_memstats_alloc_bytes_total are both declared as the family go_memstats_alloc_bytes, which
/// Prometheus ingests.
/// </summary>
public sealed class GoClientOpenMetricsTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Sources", "Exposition", "Data", "go-client.om.txt");

    /// <summary>The fixture read naively: (name, value) of every sample line, and (name, type) of every TYPE line.</summary>
    private static (List<(string Name, double Value)> Samples, List<(string Name, string Type)> Types) ReadNaively()
    {
        var samples = new List<(string, double)>();
        var types = new List<(string, string)>();
        foreach (var line in File.ReadAllLines(FixturePath))
        {
            var parts = line.Split(' ');
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                types.Add((parts[2], parts[3]));
            }
            else if (!line.StartsWith('#'))
            {
                // The fixture's label values hold no blanks, so the value is the second field.
                samples.Add((parts[0].Split('{')[0], double.Parse(parts[1], CultureInfo.InvariantCulture)));
            }
        }
        return (samples, types);
    }

    [Fact]
    public void Parse_GoClientOpenMetrics_EveryFamilySampleAndValue()
    {
        var (expectedSamples, expectedTypes) = ReadNaively();

        var result = new ExpositionParser().Check(File.ReadAllBytes(FixturePath), ExpositionFormat.OpenMetrics);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(expectedTypes, result.Families.Select(f => (f.Name, f.Type.ToString().ToLowerInvariant())));
        Assert.Equal(expectedSamples, result.Families.SelectMany(f => f.Samples.ToArray()).Select(s => (s.Name, s.Value)));
        Assert.Equal(85, result.SampleCount);
    }

    [Fact]
    public void Parse_GoClientOpenMetrics_GaugeAndCounterOfOneFamilyNameStayApart()
    {
        var families = new ExpositionParser().Parse(File.ReadAllBytes(FixturePath), ExpositionFormat.OpenMetrics);

        var alloc = families.Where(f => f.Name == "go_memstats_alloc_bytes").ToArray();
        Assert.Equal([MetricType.Gauge, MetricType.Counter], alloc.Select(f => f.Type));
        Assert.StartsWith("Number of bytes allocated in heap and currently in use.", alloc[0].Help, StringComparison.Ordinal);
        Assert.StartsWith("Total number of bytes allocated in heap until now", alloc[1].Help, StringComparison.Ordinal);
        Assert.Equal(("go_memstats_alloc_bytes", 3_716_504.0), (alloc[0].Samples.Span[0].Name, alloc[0].Samples.Span[0].Value));
        Assert.Equal(("go_memstats_alloc_bytes_total", 72_583_208.0), (alloc[1].Samples.Span[0].Name, alloc[1].Samples.Span[0].Value));
    }

    [Fact]
    public void Parse_GoClientOpenMetrics_CreatedLinesAndExemplars()
    {
        var families = new ExpositionParser().Parse(File.ReadAllBytes(FixturePath), ExpositionFormat.OpenMetrics);

        var requests = Assert.Single(families, f => f.Name == "http_requests").Samples.ToArray();
        Assert.Equal(["http_requests_total", "http_requests_created", "http_requests_total", "http_requests_created"], requests.Select(s => s.Name));
        Assert.Equal(1109, requests[0].Value);
        Assert.Null(requests[0].Timestamp);
        Assert.Equal(1_733_699_871.2, requests[1].Value);
        var latency = Assert.Single(families, f => f.Name == "http_request_duration_seconds");
        Assert.Equal(MetricType.Histogram, latency.Type);
        Assert.Equal(30, latency.Samples.Length);
        Assert.Equal(790, latency.Samples.Span[2].Value);
    }

    [Fact]
    public void Check_GoClientOpenMetrics_OneWarningForTheSharedFamilyName()
    {
        var result = new ExpositionParser().Check(File.ReadAllBytes(FixturePath), ExpositionFormat.OpenMetrics);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(25, warning.Line);
        Assert.StartsWith("second # HELP for go_memstats_alloc_bytes (its family began on line 22)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scraper_GoClientAnsweringOpenMetrics_ReadsEveryFamily()
    {
        await using var endpoint = await StaticMetricsEndpoint.StartAsync(
            0, "application/openmetrics-text; version=1.0.0; charset=utf-8", await File.ReadAllBytesAsync(FixturePath));
        using var http = new HttpClient();

        var families = await new MetricsScraper(http).ScrapeAsync(endpoint.Url, null, new ExpositionParser(), CancellationToken.None);

        Assert.StartsWith("application/openmetrics-text;version=1.0.0", ExpositionContentType.Accept, StringComparison.Ordinal);
        Assert.Equal(42, families.Count);
        Assert.Equal(85, families.Sum(f => f.Samples.Length));
    }
}
