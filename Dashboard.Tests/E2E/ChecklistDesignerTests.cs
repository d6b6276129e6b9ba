using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>The checklist and designer views in Chromium: a PM ticks a manual item and sees who/when after a reload; a designer opens their view.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ChecklistDesignerTests(DashboardAppFactory app)
{
    private const string Item = "error_tracking";

    [Fact]
    public async Task Pm_TicksManualItem_SeesWhoAndWhenAfterReload_UntickAsksFirst()
    {
        var pm = app.For("pm");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(pm.Email, pm.Password, "/checklist");
        await login.WaitInteractiveAsync();
        var row = page.Locator($"[data-testid=checklist-item][data-item={Item}]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Open");

        await row.Locator("input[type=checkbox]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("recorded as " + pm.Email);
        await page.ReloadAsync();
        await login.WaitInteractiveAsync();

        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Done");
        await Assertions.Expect(row.Locator("[data-testid=checklist-who]")).ToContainTextAsync($"ticked by {pm.Email}");
        await Assertions.Expect(row.Locator("[data-testid=checklist-who]")).ToContainTextAsync("ago)");
        await Assertions.Expect(page.Locator($"[data-testid=checklist-change][data-item={Item}]").First).ToContainTextAsync(pm.Email);
        await Assertions.Expect(page.Locator("[data-testid=checklist-item][data-item=read_replica] [data-testid=checklist-evidence]")).Not.ToBeEmptyAsync();
        await Browser.ScreenshotAsync(page, "checklist");

        // Unticking asks first; "Keep it ticked" changes nothing, "Untick" is recorded.
        await row.Locator("input[type=checkbox]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep it ticked" }).ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Done");
        await Assertions.Expect(row.Locator("input[type=checkbox]")).ToBeCheckedAsync();
        await row.Locator("input[type=checkbox]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Untick" }).ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Open");
        await Assertions.Expect(row.Locator("[data-testid=checklist-who]")).ToContainTextAsync($"unticked by {pm.Email}");
    }

    [Fact]
    public async Task Designer_OpensDesignerView_LatencyBudgetConversionAndPreviewsShown()
    {
        var designer = app.For("designer");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(designer.Email, designer.Password, "/designer");
        await login.WaitInteractiveAsync();

        await Assertions.Expect(page.Locator("[data-testid=designer-title]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=route-card][data-route='all pages']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=conversion-card]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=degradation-state]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-testid=conversion-money]")).ToHaveCountAsync(0);
        // Per-route rows appear once ingestion has read the demo's routes; Refresh reads again.
        await RefreshUntilAsync(page, page.Locator("[data-testid=budget-row][data-route='/checkout']"), "per-route budget rows");
        await Assertions.Expect(page.Locator("[data-testid=budget-row]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-testid=route-card][data-route='/checkout']")).ToBeVisibleAsync();

        var overall = page.Locator("[data-testid=route-card][data-route='all pages'] [data-testid=latency-chart]");
        foreach (var (range, hours) in new[] { ("7 days", "168"), ("24 hours", "24") })
        {
            await page.ClickAsync($"[data-testid=designer-range] >> text={range}");
            await Assertions.Expect(overall).ToHaveAttributeAsync("data-hours", hours);
            // The demo's generated history reaches the 5-minute rollups within a few rollup passes.
            await RefreshUntilAsync(page, overall.Locator("[data-testid=latency-p50]"), $"the all-pages trend over {range}");
        }
        await Browser.ScreenshotAsync(page, "designer-view");
    }

    private static Task RefreshUntilAsync(IPage page, ILocator wanted, string what) =>
        Eventually.WaitForAsync(async () =>
        {
            if (await wanted.CountAsync() == 0)
            {
                await page.ClickAsync("[data-testid=designer-refresh]");
            }
            return await wanted.CountAsync();
        }, count => count > 0, TimeSpan.FromMinutes(2), what);
}
