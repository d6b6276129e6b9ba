using Dashboard.Jobs.Jobs;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class LiveGaugesTests(DashboardAppFactory app)
{
    [Fact]
    public async Task OpenOverview_PrometheusStops_GaugesTurnStaleWithoutReload_ThenRecover()
    {
        var job = app.Services.GetRequiredService<PrometheusIngestJob>();
        await job.IngestAsync(CancellationToken.None);
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(app.For("engineer").Email, app.For("engineer").Password);
        await login.WaitInteractiveAsync();
        var memory = page.Locator("[data-testid=gauge-memory]").First;
        await Assertions.Expect(memory).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(Ok|Warning|Critical)$"));
        await Browser.ScreenshotAsync(page, "gauges-live");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        try
        {
            await StackControl.StopAsync("prometheus");
            await job.IngestAsync(CancellationToken.None);

            await Assertions.Expect(memory).ToHaveAttributeAsync("data-status", "Stale");
            await Assertions.Expect(memory.Locator("[data-testid=gauge-stale]")).ToContainTextAsync("stale since");
            await Browser.ScreenshotAsync(page, "gauges-stale");
        }
        finally
        {
            await StackControl.StartAsync("prometheus");
        }
        await Eventually.WaitForAsync(() => job.IngestAsync(CancellationToken.None), _ => true, TimeSpan.FromSeconds(30), "an ingest after the restart");
        await Assertions.Expect(memory).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(Ok|Warning|Critical)$"));
        Assert.Equal(0, navigations);
    }
}
