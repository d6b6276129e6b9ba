using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Web;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>The engineer view's database half in Chromium: figures match the API, the EXPLAIN line is there to copy.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class EngineerDatabaseViewTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Engineer_OpensEngineerView_DatabaseFiguresMatchApiAndExplainLineShown()
    {
        await MonitoredPrimary.CollectAsync(app);
        var engineer = app.For("engineer");
        using var api = app.CreateRawClient(engineer.Token);
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(engineer.Email, engineer.Password, "/engineer");
        await login.WaitInteractiveAsync();

        var section = page.Locator($"[data-testid=db-health][data-target={MonitoredPrimary.Target}]");
        await Assertions.Expect(section).ToHaveAttributeAsync("data-state", "Live");
        // The ingest job runs every minute: compare the page with the API answer for the same snapshot.
        var target = await Eventually.WaitForAsync(async () =>
            {
                var fromApi = MonitoredPrimary.Health(await api.GetFromJsonAsync<JsonElement>("/api/v1/database/health"));
                var shown = await section.GetAttributeAsync("data-taken-at");
                if (shown != fromApi.GetProperty("takenAt").GetDateTimeOffset().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
                {
                    await page.ReloadAsync();
                    await login.WaitInteractiveAsync();
                    return (JsonElement?)null;
                }
                return fromApi;
            }, t => t is not null, TimeSpan.FromSeconds(90), "the page and the API showing the same snapshot");

        var connections = target!.Value.GetProperty("connections").GetProperty("data");
        var figure = page.Locator("[data-testid=db-connections-total]");
        await Assertions.Expect(figure).ToHaveAttributeAsync("data-total", connections.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(figure).ToHaveAttributeAsync("data-max", connections.GetProperty("max").GetInt32().ToString(CultureInfo.InvariantCulture));
        foreach (var xid in target.Value.GetProperty("wraparound").GetProperty("data").GetProperty("databases").EnumerateArray().Take(3))
        {
            var row = page.Locator($"[data-testid=db-xid-row][data-database='{xid.GetProperty("database").GetString()}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-age", xid.GetProperty("age").GetInt64().ToString(CultureInfo.InvariantCulture));
        }
        var standby = target.Value.GetProperty("replication").GetProperty("data").GetProperty("standbys")[0];
        await Assertions.Expect(page.Locator($"[data-testid=db-standby][data-name='{standby.GetProperty("name").GetString()}']")).ToBeVisibleAsync();

        // The EXPLAIN line of the marker statement, ready to copy (the clipboard itself is not testable headless).
        var marker = MonitoredPrimary.Marker(target.Value)!.Value;
        await page.ClickAsync(".mud-tab:has-text('By mean time')");
        await page.Locator($"[data-testid=db-queries-mean] [data-testid=db-query-row][data-queryid='{marker.GetProperty("queryId").GetInt64()}']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=explain-line]")).ToHaveValueAsync(marker.GetProperty("explain").GetProperty("sql").GetString()!);
        await Assertions.Expect(page.Locator("[data-testid=explain-parameters]")).ToContainTextAsync("fill in real values");
        await page.ClickAsync("[data-testid=explain-copy]");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("copied|refused the clipboard"));

        // The decision path for the same database, with the step that applies now.
        await Assertions.Expect(page.Locator("[data-testid=decision-path]")).ToHaveAttributeAsync("data-current", "1");
        await Assertions.Expect(page.Locator("[data-testid=decision-step][data-status=AppliesNow]")).ToContainTextAsync("Check queries first");

        await page.ClickAsync(".mud-tab:has-text('By total time')");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Browser.ScreenshotAsync(page, "engineer-database");
    }
}
