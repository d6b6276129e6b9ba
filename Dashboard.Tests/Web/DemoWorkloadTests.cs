using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Web;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class DemoWorkloadTests(DashboardAppFactory app)
{
    [Fact]
    public async Task DemoMetrics_ScrapeToken_ExposesApplicationMetrics()
    {
        using var prometheus = app.CreateRawClient(TestStack.Current.MetricsScrapeToken);

        var body = await Eventually.WaitForAsync(() => prometheus.GetStringAsync("/demo/metrics"),
            b => b.Contains("http_request_duration_seconds_bucket{route=", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "demo traffic");

        Assert.Contains("demo_queue_depth", body);
        Assert.Contains("demo_signups_total", body);
        Assert.Contains("http_requests_received_total{code=\"200\"", body);
    }

    [Fact]
    public async Task DemoTarget_ScrapedByRealPrometheus_Up()
    {
        using var prometheus = new HttpClient { BaseAddress = new Uri(TestStack.Current.PrometheusUrl) };

        var up = await Eventually.WaitForAsync(async () =>
            {
                using var doc = JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("up{job=\"demo\"}")));
                var result = doc.RootElement.GetProperty("data").GetProperty("result");
                return result.GetArrayLength() == 1 ? result[0].GetProperty("value")[1].GetString() : null;
            },
            v => v == "1", TimeSpan.FromSeconds(30), "Prometheus to scrape the demo target");

        Assert.Equal("1", up);
    }

    [Fact]
    public async Task LoadMultiplier_OutOfRange_RejectedNamingTheField()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var response = await engineer.PutAsJsonAsync("/api/v1/demo/load", new { multiplier = 25 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Load multiplier must be between 0.1 and 20 (got 25)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LoadMultiplier_SetByEngineer_ShowsInDemoMetrics_PmForbidden()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        using var pm = app.CreateRawClient(app.For("pm").Token);
        using var prometheus = app.CreateRawClient(TestStack.Current.MetricsScrapeToken);
        try
        {
            var set = await engineer.PutAsJsonAsync("/api/v1/demo/load", new { multiplier = 3 });
            var refused = await pm.PutAsJsonAsync("/api/v1/demo/load", new { multiplier = 10 });

            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            await Eventually.WaitForAsync(() => prometheus.GetStringAsync("/demo/metrics"),
                b => b.Contains("demo_load_multiplier 3", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the multiplier in the demo metrics");
        }
        finally
        {
            await engineer.PutAsJsonAsync("/api/v1/demo/load", new { multiplier = 1 });
        }
    }
}
