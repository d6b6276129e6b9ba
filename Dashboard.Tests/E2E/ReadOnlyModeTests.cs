using Dashboard.Jobs.Storage.Primary;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>The read-only banner and a refused save in Chromium while the app's link to the primary is cut (docs/decisions/028).</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ReadOnlyModeTests(DashboardAppFactory app)
{
    private static readonly TimeSpan Notice = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PrimaryCut_OpenPageShowsBanner_SaveRefusedWithReason_BannerGoesWhenBack()
    {
        var status = app.Services.GetRequiredService<PrimaryStatus>();
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var owner = app.For("owner");
        var login = new LoginPage(page);
        await login.SignInAsync(owner.Email, owner.Password, "/settings");
        await login.WaitInteractiveAsync();
        var banner = page.Locator("[data-testid=read-only-banner]");
        await Assertions.Expect(banner).ToHaveCountAsync(0);

        try
        {
            app.PrimaryLink.Cut();
            await Eventually.WaitForAsync(() => Task.FromResult(status.IsReadOnly), r => r, Notice, "the app to notice the primary is gone");

            // The open page learns it over its circuit, without a reload.
            await Assertions.Expect(banner).ToContainTextAsync("Read-only since");
            await Assertions.Expect(banner).ToContainTextAsync("primary database unreachable");
            await page.ClickAsync("[data-testid=save-profile]");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            var refused = page.Locator("[data-testid=read-only-refused]");
            await Assertions.Expect(refused).ToContainTextAsync("Not saved: the dashboard is read-only.");
            await Assertions.Expect(refused).ToContainTextAsync("primary database unreachable");
            await Browser.ScreenshotAsync(page, "read-only-banner");
        }
        finally
        {
            app.PrimaryLink.Restore();
        }

        await Assertions.Expect(banner).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await page.ClickAsync("[data-testid=read-only-back]");
        await Assertions.Expect(page.Locator("[data-testid=save-profile]")).ToBeVisibleAsync();
    }
}
