using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SignInFlowTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Owner_SignsIn_ReachesInteractiveOverview()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var owner = app.For("owner");

        var login = new LoginPage(page);
        await login.SignInAsync(owner.Email, owner.Password);
        await login.WaitInteractiveAsync();

        await Assertions.Expect(page.Locator("h4", new PageLocatorOptions { HasText = "Overview" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=role]")).ToContainTextAsync("owner");
        await Assertions.Expect(page.Locator("[data-testid=threshold-table]")).ToContainTextAsync("CPU utilization");
        await Assertions.Expect(page.Locator("[data-nav=Owner]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "overview-owner");

        // Client-side navigation to the owner view, through the circuit.
        await page.ClickAsync("[data-nav=Owner]");
        // The navigation goes through the circuit, which may be busy rendering a live batch on a loaded machine:
        // wait for the owner view itself (its first summary read is the slow part), not a fixed 5 s.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/owner$"), new PageAssertionsToHaveURLOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=figure-outage-cost]")).ToContainTextAsync("/h", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Browser.ScreenshotAsync(page, "owner-view");
    }

    [Fact]
    public async Task Designer_Overview_ThresholdsOfWhatUsersFeelOnly()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var designer = app.For("designer");

        var login = new LoginPage(page);
        await login.SignInAsync(designer.Email, designer.Password);
        await login.WaitInteractiveAsync();

        // The same rule as the gauges: latency, availability, errors and business success rates; no machines.
        var table = page.Locator("[data-testid=threshold-table]");
        await Assertions.Expect(table).ToContainTextAsync("p99 response time");
        await Assertions.Expect(table).Not.ToContainTextAsync("CPU utilization");
        await Assertions.Expect(table).Not.ToContainTextAsync("Disk usage");
    }

    [Fact]
    public async Task Engineer_SignsOut_BackAtSignInAndCopiesOfTheCookieEnd()
    {
        // The real sign-out form (a post that Chromium sends with "Origin: null" under the no-referrer policy),
        // through the origin guard; zero interval so the copy is checked at its next request.
        using var interval = app.OverrideSetting("Auth:SessionCheckInterval", "00:00:00");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var engineer = app.For("engineer");
        var login = new LoginPage(page);
        await login.SignInAsync(engineer.Email, engineer.Password);
        await login.WaitInteractiveAsync();
        var auth = (await context.CookiesAsync()).Single(c => c.Name == "dashboard.auth");
        using var copy = app.CreateRawClient();
        copy.DefaultRequestHeaders.Add("Cookie", $"{auth.Name}={auth.Value}");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await copy.GetAsync("/api/v1/me")).StatusCode);

        await page.ClickAsync("button[aria-label='Sign out']");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Designer_OpensOwnerView_Refused()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var designer = app.For("designer");

        var login = new LoginPage(page);
        await login.SignInAsync(designer.Email, designer.Password);
        await login.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-nav=Owner]")).ToHaveCountAsync(0);
        var response = await page.GotoAsync("/owner");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("#no-permission")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("An hour of downtime costs");
        await Browser.ScreenshotAsync(page, "owner-view-refused-designer");
    }

    [Fact]
    public async Task Owner_SavesInvalidSlo_SeesFieldError()
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var owner = app.For("owner");

        var login = new LoginPage(page);
        await login.SignInAsync(owner.Email, owner.Password, "/settings");
        await login.WaitInteractiveAsync();
        var slo = page.Locator("input[data-field=slo], [data-field=slo] input");
        await slo.FillAsync("120");
        await slo.BlurAsync();

        await Browser.ScreenshotAsync(page, "settings-invalid-slo");
        await Assertions.Expect(page.Locator("text=SLO must be between 90 % and 99.999 %")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=save-profile]")).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "settings-invalid-slo");
    }
}
