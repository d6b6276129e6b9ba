using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Components.Live;
using Dashboard.Components.Shared;
using Dashboard.Domain.Series;
using Dashboard.Jobs.Jobs;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>
/// One truth per figure, on the real stack: for every catalog metric and entity, the value "now" and its
/// time are the same reading in the status API, the forecasts API, the what-if at 1x, the overview's
/// gauges, the PM table and the owner's what-if table; the owner's availability figures name their own
/// windows and the SLI source the gauge shows.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class OneTruthTests(DashboardAppFactory app)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    private sealed record Reading(string Metric, string Entity, string Unit, double Value, DateTimeOffset SampledAt)
    {
        public string Gauge => $"{Humanize.Value(Value, Unit)} · {GaugeFormat.Clock(SampledAt)}";
        public string Table => $"{Humanize.Value(Value, Unit)} · {GaugeFormat.Clock(SampledAt, seconds: false)}";
    }

    [Fact]
    public async Task EverySeriesNow_IsOneReadingOnEveryApiAndPage()
    {
        var owner = app.For("owner");
        using var api = app.CreateRawClient(owner.Token);
        await Eventually.WaitForAsync(() => api.GetFromJsonAsync<JsonElement>("/api/v1/forecasts"),
            f => f.GetProperty("forecasts").GetArrayLength() > 0, JobTimeout, "stored forecasts");
        // Hold the readings still: no recurring ingest while the places are compared, then one pass of our own.
        var quiet = await QuietIngest.StartAsync(app);
        try
        {
            var ingest = app.Services.GetRequiredService<PrometheusIngestJob>();
            // A pass already running when the job was removed may land after ours: compare again until two status reads agree.
            var (status, forecasts, whatIf, summary, _) = await Eventually.WaitForAsync(async () =>
                {
                    await ingest.IngestAsync(CancellationToken.None);
                    var first = await api.GetFromJsonAsync<JsonElement>("/api/v1/status");
                    var f = await api.GetFromJsonAsync<JsonElement>("/api/v1/forecasts");
                    var w = await api.GetFromJsonAsync<JsonElement>("/api/v1/whatif?multiplier=1");
                    var s = await api.GetFromJsonAsync<JsonElement>("/api/v1/business/summary");
                    var again = await api.GetFromJsonAsync<JsonElement>("/api/v1/status");
                    return (first, f, w, s, Same: first.GetProperty("publishedAt").GetString() == again.GetProperty("publishedAt").GetString());
                },
                r => r.Same, TimeSpan.FromSeconds(60), "a moment no ingest pass lands in");

            var readings = Readings(status);
            Assert.NotEmpty(readings);

            // Forecasts: every row's "now" is the status reading of its series (the fit's last point is another field).
            var forecastRows = forecasts.GetProperty("forecasts").EnumerateArray()
                .Where(f => f.TryGetProperty("now", out var n) && n.ValueKind == JsonValueKind.Object && n.GetProperty("isFresh").GetBoolean()).ToList();
            Assert.NotEmpty(forecastRows);
            foreach (var row in forecastRows)
            {
                var key = (row.GetProperty("metric").GetString()!, row.GetProperty("entity").GetString()!);
                AssertSame(readings, key, row.GetProperty("now"), "forecasts");
            }

            // What-if at 1x: one row per series, each starting from and ending at exactly the gauge's reading.
            var rows = whatIf.GetProperty("resources").EnumerateArray().ToList();
            Assert.NotEmpty(rows);
            foreach (var row in rows.Where(r => r.GetProperty("now").GetProperty("isFresh").GetBoolean()))
            {
                var key = (row.GetProperty("metricId").GetString()!, row.GetProperty("entity").GetString()!);
                AssertSame(readings, key, row.GetProperty("now"), "what-if");
                var projected = row.GetProperty("projected").GetDouble();
                if (Math.Abs(projected - readings[key].Value) > 1e-9)
                {
                    // Only disk projects to another moment (today's use plus its growth over a horizon), and the row says so.
                    Assert.Equal("disk", key.Item1);
                    Assert.Contains("days of growth", row.GetProperty("model").GetString());
                }
            }
            // The queueing models load one named series, the demo application's host or database, read as its gauge reads.
            var neck = whatIf.GetProperty("bottleneck").GetString();
            Assert.Contains(neck, Dashboard.Jobs.Demo.DemoFleet.BottleneckSeries.Select(s => s.ToString()));
            var neckId = SeriesId.Parse(neck);
            AssertSame(readings, (neckId.Metric, neckId.Entity), whatIf.GetProperty("bottleneckNow"), "the what-if's bottleneck");
            Assert.Equal(rows.Count, rows.Select(r => (r.GetProperty("metricId").GetString(), r.GetProperty("entity").GetString())).Distinct().Count());

            // The owner summary: availability comes from the SLI the gauge shows, and each figure names its window.
            var uptimeGauge = readings.Values.Single(r => r.Metric == "uptime");
            Assert.Equal(LabelSet.Parse(uptimeGauge.Entity)["sli"], summary.GetProperty("uptime").GetProperty("sliSource").GetString());
            Assert.Equal(30, summary.GetProperty("uptime").GetProperty("windowDays").GetInt32());
            Assert.Equal("this month", summary.GetProperty("errorBudget").GetProperty("budgetWindow").GetString());
            Assert.Equal("1 h", summary.GetProperty("errorBudget").GetProperty("burnRateWindow").GetString());
            var breach = summary.GetProperty("firstBreach");
            if (breach.TryGetProperty("alreadyPast", out var past) && past.GetBoolean())
            {
                // "Already past" is about the reading now, not the fit's last hourly point: the series reads past the
                // level now, or its reading is stale (what it reads now is unknown).
                var key = (breach.GetProperty("metric").GetString()!, breach.GetProperty("entity").GetString()!);
                var level = breach.GetProperty("threshold").GetDouble();
                var gauge = status.GetProperty("gauges").EnumerateArray()
                    .Single(g => g.GetProperty("metricId").GetString() == key.Item1 && g.GetProperty("entity").GetString() == key.Item2);
                if (readings.TryGetValue(key, out var now))
                {
                    Assert.True(gauge.GetProperty("direction").GetString() == "AboveIsBad" ? now.Value > level : now.Value < level,
                        $"the owner's first breach says {key} is already past {level}, but it reads {now.Value} now");
                }
                else
                {
                    Assert.Equal("Stale", gauge.GetProperty("status").GetString());
                }
            }

            // The pages, as the owner sees them, show the same readings.
            await using var context = await Browser.NewContextAsync(app.BaseAddress);
            var page = await context.NewPageAsync();
            var login = new LoginPage(page);
            await login.SignInAsync(owner.Email, owner.Password, "/");
            await login.WaitInteractiveAsync();
            foreach (var r in readings.Values)
            {
                var gauge = page.Locator($"[data-metric='{r.Metric}'][data-entity='{Css(r.Entity)}'] [data-testid=gauge-reading]");
                await Assertions.Expect(gauge).ToHaveTextAsync(r.Gauge);
            }

            await page.GotoAsync("/pm");
            await login.WaitInteractiveAsync();
            // The PM table lists the series with a fitted forecast (the others wait for history, without a "now" column).
            foreach (var row in forecastRows.Where(f => f.GetProperty("isForecasted").GetBoolean()))
            {
                var r = readings[(row.GetProperty("metric").GetString()!, row.GetProperty("entity").GetString()!)];
                var cell = page.Locator($"[data-testid=forecast-row][data-metric='{r.Metric}'][data-entity='{Css(r.Entity)}'] [data-testid=forecast-now]");
                await Assertions.Expect(cell).ToHaveTextAsync(r.Table);
                // The track record in words: the table's short form and its tooltip are the API's, word for word.
                if (row.GetProperty("skillBrief").ValueKind == JsonValueKind.String)
                {
                    var skill = page.Locator($"[data-testid=forecast-row][data-metric='{r.Metric}'][data-entity='{Css(r.Entity)}'] [data-testid=forecast-skill]");
                    await Assertions.Expect(skill).ToHaveTextAsync(row.GetProperty("skillBrief").GetString()!);
                    await Assertions.Expect(skill).ToHaveAttributeAsync("title", row.GetProperty("skill").GetString()!);
                }
            }

            await page.GotoAsync("/owner");
            await login.WaitInteractiveAsync();
            await Assertions.Expect(page.Locator("[data-testid=whatif-row]").First).ToBeVisibleAsync();
            foreach (var row in rows.Where(r => r.GetProperty("now").GetProperty("isFresh").GetBoolean()))
            {
                var r = readings[(row.GetProperty("metricId").GetString()!, row.GetProperty("entity").GetString()!)];
                var cell = page.Locator($"[data-testid=whatif-row][data-metric='{r.Metric}'][data-entity='{Css(r.Entity)}'] [data-testid=whatif-now]");
                await Assertions.Expect(cell).ToHaveTextAsync(r.Table);
            }
            await Assertions.Expect(page.Locator("[data-testid=owner-summary]")).ToContainTextAsync("last 30 days");
            await Assertions.Expect(page.Locator("[data-testid=owner-summary]")).ToContainTextAsync("this month");
        }
        finally
        {
            await quiet.DisposeAsync();
        }
    }

    private static Dictionary<(string Metric, string Entity), Reading> Readings(JsonElement status) =>
        status.GetProperty("gauges").EnumerateArray()
            .Where(g => g.GetProperty("status").GetString() is "Ok" or "Warning" or "Critical" && g.GetProperty("value").ValueKind == JsonValueKind.Number)
            .Select(g => new Reading(g.GetProperty("metricId").GetString()!, g.GetProperty("entity").GetString()!, g.GetProperty("unit").GetString()!,
                g.GetProperty("value").GetDouble(), g.GetProperty("sampledAt").GetDateTimeOffset()))
            .ToDictionary(r => (r.Metric, r.Entity));

    private static void AssertSame(Dictionary<(string Metric, string Entity), Reading> readings, (string, string) key, JsonElement now, string where)
    {
        Assert.True(readings.TryGetValue(key, out var expected), $"{where} shows {key} now, but the status API has no fresh reading of it");
        Assert.Equal(expected!.Value, now.GetProperty("value").GetDouble());
        Assert.Equal(expected.SampledAt, now.GetProperty("sampledAt").GetDateTimeOffset());
    }

    /// <summary>An attribute value inside a single-quoted CSS selector.</summary>
    private static string Css(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}
