using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Demo;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>The PM view in Chromium: the ranked table matches the API, recompute shows progress, uploads are checked.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ForecastViewTests(DashboardAppFactory app)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Pm_OpensForecasts_TableMatchesApiChartShownAndRecomputeCompletes()
    {
        var pm = app.For("pm");
        using var api = app.CreateRawClient(pm.Token);
        await Eventually.WaitForAsync(() => api.GetFromJsonAsync<JsonElement>("/api/v1/forecasts"),
            f => f.GetProperty("forecasts").EnumerateArray().Count(x => x.GetProperty("status").GetString() == "Forecasted") >= MetricCatalog.Default.Metrics.Count,
            JobTimeout, "forecasts of the demo history");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();

        var login = new LoginPage(page);
        await login.SignInAsync(pm.Email, pm.Password, "/pm");
        await login.WaitInteractiveAsync();

        var diskRow = page.Locator($"[data-testid=forecast-row][data-metric={MetricIds.Disk}][data-entity='{DemoFleet.EntityOf(MetricIds.Disk).Text.Replace("\"", "\\\"", StringComparison.Ordinal)}']");
        await Assertions.Expect(diskRow).ToBeVisibleAsync();
        var disk = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/forecasts/{MetricIds.Disk}?entity={Uri.EscapeDataString(DemoFleet.EntityOf(MetricIds.Disk).Text)}")).GetProperty("summary");
        var warningKind = disk.GetProperty("warning").GetProperty("kind").GetString();
        var warningCell = diskRow.Locator("[data-testid=forecast-warning]");
        if (warningKind == "Expected")
        {
            var earliest = disk.GetProperty("warning").GetProperty("earliest").GetDateTimeOffset();
            await Assertions.Expect(warningCell).ToContainTextAsync(earliest.ToLocalTime().ToString("MMM d", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        }
        else
        {
            await Assertions.Expect(warningCell).Not.ToBeEmptyAsync();
        }

        await diskRow.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=forecast-chart][data-metric=disk]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=forecast-band]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=stage-eta]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "pm-forecasts");

        await page.ClickAsync("[data-testid=forecast-recompute]");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Forecasts updated", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await Assertions.Expect(page.Locator("[data-testid=forecast-computed]")).ToContainTextAsync("Computed");
        await Browser.ScreenshotAsync(page, "pm-forecasts-recomputed");
    }

    [Fact]
    public async Task Pm_UploadsCsv_BadFileNamesLineGoodFileForecast()
    {
        var pm = app.For("pm");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(pm.Email, pm.Password, "/pm");
        await login.WaitInteractiveAsync();
        // The form is drawn when asked for.
        await page.ClickAsync("[data-testid=adhoc-open]");
        await Assertions.Expect(page.Locator("[data-testid=adhoc-file]")).ToBeAttachedAsync();

        // On a loaded machine the file input's handler can be wired a moment after the page turns interactive:
        // choose the file again (a few times at most) until the page has read it.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("[data-testid=adhoc-file]").SetInputFilesAsync(new FilePayload
            {
                Name = "bad.csv",
                MimeType = "text/csv",
                Buffer = "timestamp,value\n1700000000,1\n1700003600,oops\n"u8.ToArray(),
            });
            try
            {
                await Assertions.Expect(page.Locator("[data-testid=adhoc-error]")).ToContainTextAsync("Line 3: \"oops\" is not a number", new() { Timeout = 10_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        var rising = string.Join('\n', Enumerable.Range(0, 24 * 10).Select(i => $"{1_700_000_000 + (i * 3600)},{100 + i}"));
        var threshold = page.Locator("input[data-testid=adhoc-threshold], [data-testid=adhoc-threshold] input");
        await threshold.FillAsync("500");
        await threshold.BlurAsync();
        await page.Locator("[data-testid=adhoc-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "rising.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(rising),
        });
        await Assertions.Expect(page.Locator("[data-testid=adhoc-summary]")).ToContainTextAsync("threshold 500");
        await Assertions.Expect(page.Locator("[data-testid=adhoc] [data-testid=forecast-chart]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=adhoc-error]")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, "pm-adhoc-upload");
    }

    [Fact]
    public async Task Owner_SeesWhatIfAnswersFor3xAnd10x()
    {
        var owner = app.For("owner");
        using var api = app.CreateRawClient(owner.Token);
        await Eventually.WaitForAsync(() => api.GetFromJsonAsync<JsonElement>("/api/v1/forecasts"),
            f => f.GetProperty("forecasts").GetArrayLength() > 0, JobTimeout, "stored forecasts");
        var at3 = await api.GetFromJsonAsync<JsonElement>("/api/v1/whatif?multiplier=3");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(owner.Email, owner.Password, "/owner");
        await login.WaitInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-testid=whatif-3x]")).ToHaveTextAsync(at3.GetProperty("headline").GetString()!);
        await Assertions.Expect(page.Locator("[data-testid=whatif-10x]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("[data-testid=whatif-row]").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "owner-whatif");
    }
}
