using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Hosting;
using Dashboard.Jobs.Sources.Exposition;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Sources.Exposition;

/// <summary>
/// The parser against the live output of the stack's exporters and of the app itself, with
/// Prometheus' own scrape as the reference count.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class LiveExpositionTests(DashboardAppFactory app)
{
    private static readonly TestStack Stack = TestStack.Current;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Uri ExporterUrl(string job) => new(
        $"http://127.0.0.1:{(job == "node" ? Stack.NodeExporterPort : Stack.PostgresExporterPort)}/metrics");

    private static async Task<double?> QueryScalarAsync(string promql)
    {
        using var http = new HttpClient();
        var json = await http.GetStringAsync($"{Stack.PrometheusUrl}/api/v1/query?query={Uri.EscapeDataString(promql)}");
        using var doc = JsonDocument.Parse(json);
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0
            ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("postgres")]
    public async Task LiveExporter_ParsedSampleCount_EqualsPrometheusScrape(string job)
    {
        using var http = new HttpClient();
        var scraper = new MetricsScraper(http);
        var parser = new ExpositionParser();

        // An exporter's output may change between Prometheus' scrape and ours (a new label
        // value), so compare fetches made close together until they agree; a parser that
        // miscounts never agrees and the wait fails.
        var (ours, prometheus) = await Eventually.WaitForAsync(
            async () =>
            {
                var families = await scraper.ScrapeAsync(ExporterUrl(job), null, parser, CancellationToken.None);
                var count = families.Sum(f => f.Samples.Length);
                return (Count: count, Prometheus: await QueryScalarAsync($"scrape_samples_scraped{{job=\"{job}\"}}"));
            },
            r => r.Prometheus == r.Count,
            Patience,
            $"the {job} exporter's parsed sample count to equal Prometheus' scrape_samples_scraped");

        Assert.True(ours > 100, $"only {ours} samples from {job}");
        Assert.Equal(ours, prometheus);
    }

    [Fact]
    public async Task LiveNodeExporter_CpuFamily_MatchesPrometheusSeries()
    {
        using var http = new HttpClient();
        var families = await new MetricsScraper(http).ScrapeAsync(ExporterUrl("node"), null, new ExpositionParser(), CancellationToken.None);

        var cpu = Assert.Single(families, f => f.Name == "node_cpu_seconds_total");
        var series = await QueryScalarAsync("count(node_cpu_seconds_total{job=\"node\"})");

        Assert.Equal(MetricType.Counter, cpu.Type);
        Assert.Equal(series, cpu.Samples.Length);
        Assert.All(cpu.Samples.ToArray(), s => Assert.NotNull(s.GetLabel("mode")));
        Assert.Contains(families, f => f.Name == "go_gc_duration_seconds" && f.Type == MetricType.Summary);
    }

    [Fact]
    public async Task LiveApp_OwnMetrics_RoundTripTrickyLabelAndMatchPrometheusScrape()
    {
        // A metric of this process's registry, which the app serves, with every escape in it.
        const string tricky = "quote \" backslash \\ newline \n end";
        global::Prometheus.Metrics.CreateCounter("dashboard_test_exposition_roundtrip_total", "Round trip of escapes.", "tricky")
            .WithLabels(tricky).Inc(3);
        using var client = app.CreateRawClient(Stack.MetricsScrapeToken);
        var fetched = await new MetricsScraper(client).FetchAsync(new Uri(app.BaseAddress, "/metrics"), null, CancellationToken.None);
        var families = new ExpositionParser().Parse(fetched.Body, fetched.Format);

        var roundTrip = Assert.Single(families, f => f.Name.StartsWith("dashboard_test_exposition_roundtrip", StringComparison.Ordinal));
        var sample = Assert.Single(roundTrip.Samples.ToArray());
        Assert.Equal(tricky, sample.GetLabel("tricky"));
        Assert.Equal(3, sample.Value);
        Assert.Contains(families, f => f.Name.StartsWith("http_requests_received", StringComparison.Ordinal));

        // Prometheus' "dashboard" job scrapes this app (it listens on the stack's app port). The
        // exposition changes a little as requests come in, so compare a fresh parse with
        // Prometheus' latest count until both sides settle; a parser that miscounts never matches.
        var (ours, scraped) = await Eventually.WaitForAsync(
            async () =>
            {
                var now = await new MetricsScraper(client).FetchAsync(new Uri(app.BaseAddress, "/metrics"), null, CancellationToken.None);
                var count = new ExpositionParser().Parse(now.Body, now.Format).Sum(f => f.Samples.Length);
                var theirs = await QueryScalarAsync("up{job=\"dashboard\"}") == 1
                    ? await QueryScalarAsync("scrape_samples_scraped{job=\"dashboard\"}")
                    : null;
                return (count, theirs);
            },
            v => v.theirs == v.count,
            Patience,
            "Prometheus' scrape count of the app's /metrics to match the parsed count");

        Assert.Equal(ours, scraped);
    }

    [Fact]
    public async Task Scraper_HtmlLoginPage_RefusedBeforeParsing()
    {
        var html = "<!DOCTYPE html><html><body><form action=\"/account/login\">Sign in</form></body></html>"u8.ToArray();
        await using var endpoint = await StaticMetricsEndpoint.StartAsync(0, "text/html; charset=utf-8", html);
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<MetricsScrapeException>(() => new MetricsScraper(http).FetchAsync(endpoint.Url, null, CancellationToken.None));

        Assert.Equal($"{endpoint.Url}: not a metrics endpoint (got text/html; a login page?)", ex.Message);
        Assert.True(ex.NotAnExposition);
    }

    [Fact]
    public async Task Scraper_BodyOverLimit_StopsReading()
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"m{i} 1\n")));
        await using var endpoint = await StaticMetricsEndpoint.StartAsync(0, "text/plain; version=0.0.4", body);
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<MetricsScrapeException>(() =>
            new MetricsScraper(http, new ExpositionLimits { MaxBodyBytes = 1000 }).FetchAsync(endpoint.Url, null, CancellationToken.None));

        Assert.Contains("over the limit of 1000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckMetrics_UrlWithBearerTokenFile_ReadsTheAppsMetrics()
    {
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, Stack.MetricsScrapeToken + "\n");
        try
        {
            using var output = new StringWriter();
            var url = new Uri(app.BaseAddress, "/metrics").ToString();

            var code = await CheckMetricsCommand.RunAsync([url, "--bearer-token-file", tokenFile], output, CancellationToken.None);

            Assert.Equal(0, code);
            Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(url)} \((OpenMetrics 1\.0|Prometheus text 0\.0\.4)\): \d+ metric families, \d+ samples\n$", output.ToString());
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task CheckMetrics_HtmlUrl_ExitsOneNamingTheProblem()
    {
        await using var endpoint = await StaticMetricsEndpoint.StartAsync(0, "text/html", "<html>login</html>"u8.ToArray());
        using var output = new StringWriter();

        var code = await CheckMetricsCommand.RunAsync([endpoint.Url.ToString()], output, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("not a metrics endpoint (got text/html; a login page?)", output.ToString(), StringComparison.Ordinal);
    }
}
