using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Demo;
using Dashboard.Jobs.Jobs;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// The forecast API on the real stack: the demo history is forecast by the job (Hangfire on
/// PostgreSQL, history from the replica), results come back ranked, re-runs are idempotent, and
/// every bad ad-hoc input gets a 400 naming the problem.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ForecastApiTests(DashboardAppFactory app)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Forecasts_AfterDemoHistory_EveryCatalogMetricForecastWithDiskRising()
    {
        using var pm = app.CreateRawClient(app.For("pm").Token);

        var forecasts = await WaitForForecastsAsync(pm);

        foreach (var metric in MetricCatalog.Default.Metrics)
        {
            Assert.Contains(forecasts, f => f.GetProperty("metric").GetString() == metric.Id);
        }
        var disk = forecasts.Single(f => f.GetProperty("metric").GetString() == MetricIds.Disk && f.GetProperty("entity").GetString() == DemoFleet.EntityOf(MetricIds.Disk).Text);
        Assert.Equal("Forecasted", disk.GetProperty("status").GetString());
        Assert.Equal("Rising", disk.GetProperty("trend").GetString());
        var warning = disk.GetProperty("warning");
        Assert.Equal(75, warning.GetProperty("level").GetDouble());
        Assert.Contains(warning.GetProperty("kind").GetString(), new[] { "Expected", "AlreadyPast", "NotWithinHorizon" });
    }

    [Fact]
    public async Task Forecasts_EachFittedSeriesSaysItsTrackRecordInWords()
    {
        using var pm = app.CreateRawClient(app.For("pm").Token);

        var forecasts = await WaitForForecastsAsync(pm);

        var fitted = forecasts.Where(f => f.GetProperty("status").GetString() == "Forecasted" && f.GetProperty("smape").ValueKind == JsonValueKind.Number).ToList();
        Assert.NotEmpty(fitted);
        foreach (var f in fitted)
        {
            var offBy = f.GetProperty("offByPercent").GetDouble();
            var skill = f.GetProperty("skill").GetString()!;
            Assert.StartsWith("Checked on ", skill, StringComparison.Ordinal);
            Assert.Contains(Dashboard.Domain.Forecasting.ForecastSkill.OffBy(offBy), skill, StringComparison.Ordinal);
            Assert.Contains("repeating the ", skill, StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Number, f.GetProperty("referenceOffByPercent").ValueKind);
            Assert.StartsWith($"{Dashboard.Domain.Forecasting.ForecastSkill.OffBy(offBy)}; repeating the ", f.GetProperty("skillBrief").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Forecasts_RankedBySoonestBreach()
    {
        using var pm = app.CreateRawClient(app.For("pm").Token);
        var forecasts = await WaitForForecastsAsync(pm);

        var firstBreaches = forecasts.Select(FirstBreach).ToList();
        var dated = firstBreaches.TakeWhile(d => d is not null).ToList();

        Assert.All(firstBreaches.Skip(dated.Count), d => Assert.Null(d));
        Assert.Equal(dated.OrderBy(d => d).ToList(), dated);
    }

    [Fact]
    public async Task Recompute_Twice_SameSeriesNoDuplicatesAndNewRun()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var before = await WaitForForecastsAsync(engineer);

        var run = await ForecastRuns.RecomputeAsync(engineer);
        var after = await GetForecastsAsync(engineer);

        Assert.Equal("Succeeded", run.GetProperty("state").GetString());
        // Same series (the demo history's, plus whatever the live stack added meanwhile), each once.
        Assert.All(before.Where(f => DemoFleet.Owns(f.GetProperty("metric").GetString()!, f.GetProperty("entity").GetString()!)),
            b => Assert.Contains(after, a => a.GetProperty("metric").GetString() == b.GetProperty("metric").GetString() && a.GetProperty("entity").GetString() == b.GetProperty("entity").GetString()));
        Assert.Equal(after.Count, after.Select(f => (f.GetProperty("metric").GetString(), f.GetProperty("entity").GetString())).Distinct().Count());
        Assert.Equal(run.GetProperty("seriesTotal").GetInt32(), after.Count);
        Assert.True(run.GetProperty("seriesDone").GetInt32() == run.GetProperty("seriesTotal").GetInt32());
    }

    [Fact]
    public async Task Detail_ForDisk_HasPointsWithRangeAndHistory()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        await WaitForForecastsAsync(owner);

        var detail = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/forecasts/{MetricIds.Disk}?entity={Uri.EscapeDataString(DemoFleet.EntityOf(MetricIds.Disk).Text)}");

        var points = detail.GetProperty("points").EnumerateArray().ToList();
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.True(p.GetProperty("low").GetDouble() <= p.GetProperty("expected").GetDouble()
                                            && p.GetProperty("expected").GetDouble() <= p.GetProperty("high").GetDouble()));
        Assert.True(detail.GetProperty("history").GetArrayLength() > 24 * 7);
    }

    [Fact]
    public async Task Detail_UnknownMetric_404NamingIt()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var response = await owner.GetAsync("/api/v1/forecasts/no_such_metric");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no_such_metric", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExportCsv_HasHeaderAndOneLinePerSeries()
    {
        using var pm = app.CreateRawClient(app.For("pm").Token);
        var forecasts = await WaitForForecastsAsync(pm);

        var response = await pm.GetAsync("/api/v1/forecasts/export.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("metric,name,entity,unit,last_fit_point,status", lines[0]);
        Assert.Equal(forecasts.Count + 1, lines.Length);
    }

    [Fact]
    public async Task Adhoc_LinearSeriesWithThreshold_ModelPointsAndCrossingNearTruth()
    {
        using var pm = app.CreateRawClient(app.For("pm").Token);
        // 10 days of hourly points rising 1 per hour from 100: 500 is reached 400 hours after the start,
        // inside a 10-day horizon (ad-hoc forecasts reach no further than the history they are given).
        const long start = 1_700_000_000;
        var points = Enumerable.Range(0, 240).Select(i => new double[] { start + (i * 3600), 100 + i }).ToArray();

        var response = await pm.PostAsJsonAsync("/api/v1/forecasts/adhoc", new { points, horizonSeconds = 10 * 86_400, threshold = 500 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Forecasted", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("points").GetArrayLength() > 0);
        var crossing = body.GetProperty("timeToThreshold");
        Assert.Equal("Expected", crossing.GetProperty("kind").GetString());
        var expected = crossing.GetProperty("expected").GetInt64();
        Assert.InRange(expected, start + (395 * 3600), start + (405 * 3600));
    }

    public static readonly TheoryData<string, string, string> BadAdhocBodies = new()
    {
        { """{"points":[[1700000000,1],[1699990000,2],[1700010000,3]],"horizonSeconds":3600}""", "points", "Timestamps must increase" },
        { """{"points":[[1700000000,1],[1700000000,2],[1700010000,3]],"horizonSeconds":3600}""", "points", "share the timestamp" },
        { """{"points":[[1700000000,1],[1700003600,"NaN"],[1700007200,3]],"horizonSeconds":3600}""", "points", "NaN" },
        { """{"points":[[1700000000,1]],"horizonSeconds":3600}""", "points", "2" },
        { """{"points":[[1700000000,1,5],[1700003600,2]],"horizonSeconds":3600}""", "points", "pair" },
        { """{"horizonSeconds":3600}""", "points", "required" },
        { """{"points":[[1700000000,1],[1700003600,2]],"horizonSeconds":0}""", "horizonSeconds", "greater than 0" },
        { """{"points":[[1700000000,1],[1700003600,2]],"horizonSeconds":1e12}""", "horizonSeconds", "five years" },
        { """{"points":[[1700000000,1],[1700003600,2]]}""", "horizonSeconds", "required" },
        { """{"points":[[1700000000,1],[1700003600,2]],"horizonSeconds":3600,"direction":"sideways"}""", "direction", "sideways" },
        { """{"points":""", "body", "JSON" },
        { $$"""{"points":[{{string.Join(",", Enumerable.Range(0, 12).Select(i => $"[{1_700_000_000 + (i * 3600)},{i}]"))}}],"horizonSeconds":864000}""", "horizonSeconds", "too long" },
    };

    [Theory]
    [MemberData(nameof(BadAdhocBodies))]
    public async Task Adhoc_BadInput_400NamingFieldAndProblem(string json, string field, string mentioned)
    {
        using var pm = app.CreateRawClient(app.For("pm").Token);

        var response = await pm.PostAsync("/api/v1/forecasts/adhoc", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(mentioned, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Adhoc_Designer_Forbidden()
    {
        using var designer = app.CreateRawClient(app.For("designer").Token);

        var response = await designer.PostAsJsonAsync("/api/v1/forecasts/adhoc", new { points = new[] { new[] { 1.0, 1 }, new[] { 2.0, 2 } }, horizonSeconds = 10 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Recompute_Designer_ForbiddenAndAnonymousUnauthorized()
    {
        using var designer = app.CreateRawClient(app.For("designer").Token);
        using var anonymous = app.CreateRawClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostAsync("/api/v1/forecasts/recompute", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/forecasts/recompute", null)).StatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0.5")]
    [InlineData("25")]
    public async Task WhatIf_MultiplierOutOfRange_400NamingMultiplier(string multiplier)
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var response = await owner.GetAsync($"/api/v1/whatif?multiplier={multiplier}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("multiplier", out _));
    }

    [Fact]
    public async Task WhatIf_At10x_ProjectsEachSeriesFromItsReadingNow()
    {
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
        using var owner = app.CreateRawClient(app.For("owner").Token);

        var report = await owner.GetFromJsonAsync<JsonElement>("/api/v1/whatif?multiplier=10");

        Assert.Equal(10, report.GetProperty("multiplier").GetDouble());
        var cpu = report.GetProperty("resources").EnumerateArray().First(r => r.GetProperty("metricId").GetString() == MetricIds.Cpu);
        Assert.Equal(Math.Clamp(cpu.GetProperty("now").GetProperty("value").GetDouble(), 0, 100), cpu.GetProperty("current").GetDouble(), 6);
        Assert.False(string.IsNullOrWhiteSpace(report.GetProperty("headline").GetString()));
    }

    [Fact]
    public async Task WhatIf_At1x_OneRowPerSeries_EachNowIsTheStatusApiReadingOfThatSeries()
    {
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var (gauges, report) = await WithSteadyStatusAsync(engineer, () => engineer.GetFromJsonAsync<JsonElement>("/api/v1/whatif?multiplier=1"));

        var rows = report.GetProperty("resources").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        var series = rows.Select(r => (r.GetProperty("metricId").GetString(), r.GetProperty("entity").GetString())).ToList();
        Assert.Equal(series.Count, series.Distinct().Count());
        foreach (var row in rows)
        {
            var gauge = gauges[(row.GetProperty("metricId").GetString()!, row.GetProperty("entity").GetString()!)];
            AssertSameReading(gauge, row.GetProperty("now"));
        }
    }

    [Fact]
    public async Task Forecasts_NowIsTheStatusApiReadingOfTheSameSeries_FitPointKeptApart()
    {
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
        await app.Services.GetRequiredService<RollupJob>().RunAsync(CancellationToken.None);
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        Assert.Equal("Succeeded", (await ForecastRuns.RecomputeAsync(engineer)).GetProperty("state").GetString());

        var (gauges, forecasts) = await WithSteadyStatusAsync(engineer, () => GetForecastsAsync(engineer));

        var withNow = forecasts.Where(f => f.TryGetProperty("now", out var now) && now.ValueKind == JsonValueKind.Object).ToList();
        Assert.NotEmpty(withNow);
        foreach (var forecast in withNow)
        {
            var gauge = gauges[(forecast.GetProperty("metric").GetString()!, forecast.GetProperty("entity").GetString()!)];
            AssertSameReading(gauge, forecast.GetProperty("now"));
        }
        // Every forecast that saw history names the last hourly point it fitted (a series with none yet has none to name:
        // the API leaves nulls out).
        Assert.All(forecasts.Where(f => f.GetProperty("historyUsedSeconds").GetDouble() > 0),
            f => Assert.Equal(JsonValueKind.Number, f.GetProperty("lastFitPoint").ValueKind));
    }

    /// <summary>The status API's gauges by series and <paramref name="read"/>'s answer, taken while no ingest pass stored new readings.</summary>
    private static async Task<(Dictionary<(string, string), JsonElement> Gauges, T Answer)> WithSteadyStatusAsync<T>(HttpClient client, Func<Task<T>> read)
    {
        var (before, answer, after) = await Eventually.WaitForAsync(async () =>
            (await client.GetStringAsync("/api/v1/status"), await read(), await client.GetStringAsync("/api/v1/status")),
            r => r.Item1 == r.Item3, JobTimeout, "the status API to stay the same around a read");
        var gauges = JsonDocument.Parse(before).RootElement.GetProperty("gauges").EnumerateArray()
            .ToDictionary(g => (g.GetProperty("metricId").GetString()!, g.GetProperty("entity").GetString()!));
        return (gauges, answer);
    }

    private static void AssertSameReading(JsonElement gauge, JsonElement now)
    {
        Assert.Equal(gauge.GetProperty("status").GetString(), now.GetProperty("status").GetString());
        Assert.Equal(gauge.GetProperty("value").ToString(), now.GetProperty("value").ToString());
        Assert.Equal(gauge.GetProperty("sampledAt").ToString(), now.GetProperty("sampledAt").ToString());
        Assert.Equal(gauge.GetProperty("since").ToString(), now.GetProperty("since").ToString());
    }

    private static DateTimeOffset? FirstBreach(JsonElement forecast)
    {
        DateTimeOffset? best = null;
        foreach (var level in new[] { "warning", "critical" })
        {
            if (!forecast.TryGetProperty(level, out var crossing) || crossing.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            DateTimeOffset? at = crossing.GetProperty("kind").GetString() == "AlreadyPast" ? DateTimeOffset.MinValue
                : crossing.TryGetProperty("expected", out var e) && e.ValueKind == JsonValueKind.String ? e.GetDateTimeOffset() : null;
            if (at is { } t && (best is null || t < best))
            {
                best = t;
            }
        }
        return best;
    }

    private static async Task<List<JsonElement>> GetForecastsAsync(HttpClient client)
    {
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/forecasts");
        return [.. body.GetProperty("forecasts").EnumerateArray()];
    }

    private static Task<List<JsonElement>> WaitForForecastsAsync(HttpClient client) =>
        Eventually.WaitForAsync(() => GetForecastsAsync(client),
            f => f.Count(x => x.GetProperty("status").GetString() == "Forecasted" && DemoFleet.Owns(x.GetProperty("metric").GetString()!, x.GetProperty("entity").GetString()!)) >= MetricCatalog.Default.Metrics.Count,
            JobTimeout, "the demo history to be forecast");
}
