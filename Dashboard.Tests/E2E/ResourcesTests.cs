using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Forecasting;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.E2E;

/// <summary>
/// Resources as data on the real stack: a resource defined through the API from a metric the local Prometheus
/// exposes about itself becomes a live gauge, gets history and a forecast, fires an alert when its level is
/// lowered, and is gone everywhere once deleted; bad input names the field and saves nothing.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ResourcesTests(DashboardAppFactory app)
{
    private const string Id = "test_prometheus_rss";

    private static ResourceDraft Draft(double warning, double critical) =>
        TestResources.PrometheusMemory("Prometheus memory (test)", warning, critical, "created by ResourcesTests");

    [Fact]
    public async Task CustomResource_BecomesGaugeHistoryForecastAlert_AndDeleteRemovesItEverywhere()
    {
        using var api = app.CreateRawClient(app.For("engineer").Token);
        var ingest = app.Services.GetRequiredService<PrometheusIngestJob>();
        // Quiet recurring ingest so this test's passes are the ones that count.
        var quiet = await QuietIngest.StartAsync(app);
        try
        {
            var created = await api.PutAsJsonAsync($"/api/v1/resources/{Id}", Draft(90, 95));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var resource = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("%", resource.GetProperty("unit").GetString());
            Assert.Equal(MetricUnits.Bytes, resource.GetProperty("usageUnit").GetString());
            Assert.Contains("group_left", resource.GetProperty("measuredQuery").GetString());

            // The generated Prometheus rules record its measured figure and alert on its levels.
            var rules = await api.GetStringAsync("/api/v1/rules/prometheus");
            Assert.Contains($"record: dashboard:resource:{Id}", rules);
            Assert.Contains($"dashboard:resource:{Id} > 95", rules);

            // A live gauge: usage as a percentage of capacity, judged against the resource's own levels.
            await ingest.IngestAsync(CancellationToken.None);
            var gauge = (await GaugesAsync(api)).Single(g => g.GetProperty("metricId").GetString() == Id);
            var value = gauge.GetProperty("value").GetDouble();
            Assert.InRange(value, 0.001, 90);
            Assert.Equal("Ok", gauge.GetProperty("status").GetString());
            Assert.Equal("%", gauge.GetProperty("unit").GetString());
            var entity = gauge.GetProperty("entity").GetString()!;

            // History and a forecast: ten days of points stored under the live series, rolled up, then one forecast run.
            var start = DateTimeOffset.UtcNow.AddDays(-10);
            await app.Services.GetRequiredService<ObservationWriter>().WriteAsync(
                [.. Enumerable.Range(0, 240 * 4).Select(q => new Observation(Id, entity, start.AddMinutes(15 * q), 20 + q * 0.01))], CancellationToken.None);
            await app.Services.GetRequiredService<ObservationRollups>().ProcessPendingAsync(CancellationToken.None);
            // The forecast reads hourly history from the replica, which may still be replaying a fresh stack's demo history.
            await Eventually.WaitForAsync(
                () => app.Services.GetRequiredService<ObservationHistory>().GetAsync(Id, entity, start, DateTimeOffset.UtcNow, HistoryResolution.OneHour, CancellationToken.None),
                h => h.Count == 1 && h[0].Points.Count > 0 && h[0].Points[^1].Time >= DateTimeOffset.UtcNow.AddHours(-2),
                TimeSpan.FromMinutes(2), "the rolled-up history to reach the replica");
            await app.Services.GetRequiredService<ForecastRunner>().RunAsync(null, CancellationToken.None);
            var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/forecasts/{Id}?entity={Uri.EscapeDataString(entity)}&historyDays=7");
            Assert.True(detail.GetProperty("history").GetArrayLength() >= 48, detail.ToString());
            Assert.True(detail.GetProperty("summary").GetProperty("isForecasted").GetBoolean(), detail.ToString());
            Assert.Contains((await api.GetFromJsonAsync<JsonElement>("/api/v1/forecasts")).GetProperty("forecasts").EnumerateArray(),
                f => f.GetProperty("metric").GetString() == Id && f.GetProperty("name").GetString() == "Prometheus memory (test)");

            // Lower its levels below the reading: the next pass fires a critical alert at once (no sustained window).
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/resources/{Id}", Draft(0.0001, 0.0002))).StatusCode);
            await ingest.IngestAsync(CancellationToken.None);
            var alerts = (await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).GetProperty("alerts").EnumerateArray().ToList();
            Assert.Contains(alerts, a => a.GetProperty("metric").GetString() == Id && a.GetProperty("state").GetString() == "Firing"
                && a.GetProperty("severity").GetString() == "Critical");

            // Deleting it removes it everywhere: resources, gauges, forecasts, alerts, history.
            Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/api/v1/resources/{Id}")).StatusCode);
            await ingest.IngestAsync(CancellationToken.None);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/resources/{Id}")).StatusCode);
            Assert.DoesNotContain(await GaugesAsync(api), g => g.GetProperty("metricId").GetString() == Id);
            Assert.DoesNotContain((await api.GetFromJsonAsync<JsonElement>("/api/v1/forecasts")).GetProperty("forecasts").EnumerateArray(),
                f => f.GetProperty("metric").GetString() == Id);
            Assert.DoesNotContain((await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).GetProperty("alerts").EnumerateArray(),
                a => a.GetProperty("metric").GetString() == Id);
            // History is read from the replica: the deletion reaches it within moments.
            await Eventually.WaitForAsync(
                () => app.Services.GetRequiredService<ObservationHistory>().GetAsync(Id, null, start, DateTimeOffset.UtcNow, HistoryResolution.Raw, CancellationToken.None),
                history => history.Count == 0, TimeSpan.FromSeconds(30), "the deleted resource's history to be gone on the replica");
        }
        finally
        {
            await api.DeleteAsync($"/api/v1/resources/{Id}");
            await quiet.DisposeAsync();
        }
    }

    [Fact]
    public async Task BadInput_NamesTheField_AndSavesNothing()
    {
        using var api = app.CreateRawClient(app.For("owner").Token);
        async Task<JsonElement> Rejected(string id, object body)
        {
            var response = await api.PutAsJsonAsync($"/api/v1/resources/{id}", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/resources/{id}")).StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        Assert.True((await Rejected("Bad Id", Draft(90, 95))).TryGetProperty("id", out _));
        Assert.True((await Rejected("test_levels", Draft(95, 90))).TryGetProperty("critical", out _));
        // Prometheus' own parser judges the PromQL, and its message is passed on verbatim.
        var parse = await Rejected("test_parse", new { name = "x", category = "Queue", unit = "count", direction = "AboveIsBad", warning = 1, critical = 2, usageQuery = "sum(rate(foo[5m])" });
        Assert.Contains("parse error", parse.GetProperty("usageQuery")[0].GetString());
        var control = await Rejected("test_control", new { name = "x\u0000y", category = "Queue", unit = "count", direction = "AboveIsBad", warning = 1, critical = 2, usageQuery = "up" });
        Assert.Contains("U+0000", control.GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task BuiltIns_CanBeRepointedAndReset_ButNotDeleted_AndDesignersSeeTheirCategoriesOnly()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var delete = await engineer.DeleteAsync($"/api/v1/resources/{MetricIds.QueueDepth}");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);

        var original = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/resources/{MetricIds.QueueDepth}");
        Assert.Equal("default", original.GetProperty("querySource").GetString());
        object Body(string? query) => new { warning = 1000, critical = 10000, usageQuery = query };
        try
        {
            var repointed = await (await engineer.PutAsJsonAsync($"/api/v1/resources/{MetricIds.QueueDepth}", Body("sum(up)"))).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("saved", repointed.GetProperty("querySource").GetString());
            Assert.Equal("sum(up)", repointed.GetProperty("usageQuery").GetString());
            Assert.Equal("Queue depth", repointed.GetProperty("name").GetString());
        }
        finally
        {
            var reset = await (await engineer.PutAsJsonAsync($"/api/v1/resources/{MetricIds.QueueDepth}", Body(null))).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("default", reset.GetProperty("querySource").GetString());
            Assert.Equal(original.GetProperty("usageQuery").GetString(), reset.GetProperty("usageQuery").GetString());
        }

        using var designer = app.CreateRawClient(app.For("designer").Token);
        var seen = (await designer.GetFromJsonAsync<JsonElement>("/api/v1/resources")).EnumerateArray().Select(r => r.GetProperty("category").GetString()).ToHashSet();
        Assert.Contains("Latency", seen);
        Assert.DoesNotContain("Saturation", seen);
        var catalog = (await designer.GetFromJsonAsync<JsonElement>("/api/v1/catalog")).EnumerateArray().Select(r => r.GetProperty("category").GetString()).ToHashSet();
        Assert.Equal(seen, catalog);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PutAsJsonAsync("/api/v1/resources/test_designer", Draft(90, 95))).StatusCode);
    }

    [Fact]
    public async Task Preview_ShowsSeriesWithLabelsAndValues_OrPrometheusErrorVerbatim()
    {
        using var api = app.CreateRawClient(app.For("engineer").Token);
        var found = await (await api.PostAsJsonAsync("/api/v1/resources/preview", new { query = "up{job=\"prometheus\"}", unit = "count", entityLabel = "instance" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var series = found.GetProperty("usage").GetProperty("series").EnumerateArray().Single();
        Assert.Equal("prometheus", series.GetProperty("labels").GetProperty("job").GetString());
        Assert.Equal(1, series.GetProperty("value").GetDouble());
        Assert.Equal(series.GetProperty("labels").GetProperty("instance").GetString(), series.GetProperty("entity").GetString());

        var broken = await (await api.PostAsJsonAsync("/api/v1/resources/preview", new { query = "sum(rate(up[5m])" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("bad_data: ", broken.GetProperty("usage").GetProperty("error").GetString());
        Assert.Contains("parse error", broken.GetProperty("usage").GetProperty("error").GetString());

        var missing = await api.PostAsJsonAsync("/api/v1/resources/preview", new { query = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("query", out _));
    }

    private static async Task<List<JsonElement>> GaugesAsync(HttpClient api) =>
        [.. (await api.GetFromJsonAsync<JsonElement>("/api/v1/status")).GetProperty("gauges").EnumerateArray()];
}
