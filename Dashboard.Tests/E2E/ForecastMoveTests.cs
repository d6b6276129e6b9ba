using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Demo;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>
/// Issue 15, stable dates: when a forecast run moves a capacity date, the forecasts API and the PM table say that it
/// moved, from what, at which run and why: one sentence, the same in both places. The real stack: the threshold is
/// changed through the API, the forecast job re-runs on Hangfire over the demo history.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ForecastMoveTests(DashboardAppFactory app)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ALevelChangedBetweenRuns_TheDateSaysItMovedAndWhy_InTheApiAndThePmTable()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var entity = DemoFleet.EntityOf(MetricIds.Disk).Text;
        // The demo disk climbs towards its warning level (75 %) within the forecast; its critical level is further out.
        var before = await Eventually.WaitForAsync(() => DiskAsync(engineer, entity),
            d => d?.GetProperty("warning").GetProperty("kind").GetString() == "Expected", JobTimeout, "a warning date for the demo disk");
        var warning = before!.Value.GetProperty("warning");
        var oldLevel = warning.GetProperty("level").GetDouble();
        var oldDate = warning.GetProperty("expected").GetDateTimeOffset();
        var critical = before.Value.GetProperty("critical").GetProperty("level").GetDouble();
        var current = before.Value.GetProperty("lastFitPoint").GetDouble();
        try
        {
            // Halfway from where the disk is to its warning level: the date comes well forward.
            var newWarning = Math.Round(current + ((oldLevel - current) / 2), 1);
            var put = await engineer.PutAsJsonAsync($"/api/v1/thresholds/{MetricIds.Disk}", new { warning = newWarning, critical, sustainedForSeconds = 300 });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var run = await ForecastRuns.RecomputeAsync(engineer);
            Assert.Equal("Succeeded", run.GetProperty("state").GetString());

            // Forecasts are read from the replica, which may be a moment behind the run that just stored them.
            var after = (await Eventually.WaitForAsync(() => DiskAsync(engineer, entity),
                d => d?.GetProperty("warning").GetProperty("level").GetDouble() == newWarning, JobTimeout,
                "the recomputed forecast with the new level"))!.Value.GetProperty("warning");
            Assert.True(after.TryGetProperty("move", out var move) && move.ValueKind == JsonValueKind.Object, $"no move recorded: {after}");
            Assert.Equal("LevelChanged", move.GetProperty("cause").GetString());
            Assert.Equal(
                $"its level was changed from {oldLevel.ToString("0.#", CultureInfo.InvariantCulture)} to {newWarning.ToString("0.#", CultureInfo.InvariantCulture)}",
                move.GetProperty("reason").GetString());
            Assert.Equal(oldDate, move.GetProperty("previousDate").GetDateTimeOffset());
            Assert.Equal("Expected", after.GetProperty("kind").GetString());
            Assert.True(after.GetProperty("expected").GetDateTimeOffset() < oldDate, "a lower level is reached sooner");
            var sentence = move.GetProperty("sentence").GetString()!;
            Assert.StartsWith("Moved ", sentence, StringComparison.Ordinal);
            Assert.Contains(" earlier: its level was changed", sentence, StringComparison.Ordinal);

            // The PM table says the same, word for word, under the date.
            var pm = app.For("pm");
            await using var context = await Browser.NewContextAsync(app.BaseAddress);
            var page = await context.NewPageAsync();
            var login = new LoginPage(page);
            await login.SignInAsync(pm.Email, pm.Password, "/pm");
            await login.WaitInteractiveAsync();
            var moved = page.Locator($"[data-testid=forecast-row][data-metric='{MetricIds.Disk}'][data-entity='{entity}'] [data-testid=forecast-warning-moved]");
            await Assertions.Expect(moved).ToHaveAttributeAsync("title", sentence);
            await Assertions.Expect(moved).ToContainTextAsync(move.GetProperty("direction").GetString()!);
            await Assertions.Expect(moved).ToContainTextAsync(" run");
        }
        finally
        {
            await engineer.DeleteAsync($"/api/v1/thresholds/{MetricIds.Disk}");
            await ForecastRuns.RecomputeAsync(engineer);
        }
    }

    private static async Task<JsonElement?> DiskAsync(HttpClient client, string entity)
    {
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/forecasts");
        foreach (var f in body.GetProperty("forecasts").EnumerateArray())
        {
            if (f.GetProperty("metric").GetString() == MetricIds.Disk && f.GetProperty("entity").GetString() == entity)
            {
                return f;
            }
        }
        return null;
    }
}
