using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>
/// The Settings forms explain themselves as the user types and when a value is pasted in one step (issue 16, item 3):
/// each invalid field says what is wrong in the metric's own words, and a Save that is off says why.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SettingsFormsTests(DashboardAppFactory app)
{
    [Fact]
    public async Task ThresholdEditor_ExplainsEveryInvalidField_AndTheDisabledSave()
    {
        var engineer = app.For("engineer");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(engineer.Email, engineer.Password, "/settings");
        await login.WaitInteractiveAsync();

        var row = page.Locator("[data-testid=threshold-row][data-metric=uptime]");
        await row.Locator("[data-testid=threshold-edit]").ClickAsync();
        var warning = row.Locator("input[data-field=warning]");
        var critical = row.Locator("input[data-field=critical]");
        var sustained = row.Locator("input[data-field=sustained]");
        var save = row.Locator("[data-testid=threshold-save]");
        var why = row.Locator("[data-testid=threshold-save-why]");
        await Assertions.Expect(save).ToBeEnabledAsync();
        await Assertions.Expect(why).ToHaveCountAsync(0);

        // Typed, key by key: warning below critical for a lower-is-worse metric.
        await critical.FillAsync("99.5");
        await warning.ClearAsync();
        await warning.PressSequentiallyAsync("99");
        await Assertions.Expect(row).ToContainTextAsync("Lower is worse for Availability (uptime), so the critical level (99.5) must be at or below warning (99).");
        await Assertions.Expect(save).ToBeDisabledAsync();
        await Assertions.Expect(why).ToHaveTextAsync("Save is off until the field marked in red is fixed.");
        await Assertions.Expect(save).ToHaveAttributeAsync("aria-describedby", "threshold-save-why");

        // Pasted in one step (fill sets the whole value at once, as a paste does): a negative sustained window.
        await warning.FillAsync("99.9");
        await sustained.FillAsync("-5");
        await Assertions.Expect(row).ToContainTextAsync("sustained for cannot be negative (-5 s); use 0 to alert at once.");
        await Assertions.Expect(row).Not.ToContainTextAsync("must be at or below warning");
        await Assertions.Expect(save).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "settings-threshold-invalid");

        await sustained.FillAsync("300");
        await Assertions.Expect(save).ToBeEnabledAsync();
        await Assertions.Expect(why).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task BusinessProfile_ShowsMoneyWithSeparators_ExplainsTheDisabledSave()
    {
        var owner = app.For("owner");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(owner.Email, owner.Password, "/settings");
        await login.WaitInteractiveAsync();

        var mrr = page.Locator("input[data-field=mrr]");
        var save = page.Locator("[data-testid=save-profile]");
        await mrr.FillAsync("1250000");
        await mrr.BlurAsync();
        await Assertions.Expect(mrr).ToHaveValueAsync("1,250,000");
        await Assertions.Expect(save).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("[data-testid=save-profile-why]")).ToHaveCountAsync(0);

        var slo = page.Locator("input[data-field=slo]");
        await slo.FillAsync("120");
        await Assertions.Expect(save).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[data-testid=save-profile-why]")).ToHaveTextAsync("Save is off until the fields marked in red are fixed.");
        await Assertions.Expect(page.Locator(".mud-input-control:has(input[data-field=slo])")).ToContainTextAsync("SLO must be between 90 % and 99.999 % (got 120 %).");
        await Browser.ScreenshotAsync(page, "settings-profile-invalid");
    }
}
