using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>Sources on the Settings page in Chromium: test connection names the failure; a bad value is refused with the field's rule.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SourceSettingsTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Engineer_TestsWrongPrometheusUrl_SeesFailure_SavesBadValue_SeesFieldError()
    {
        var engineer = app.For("engineer");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(engineer.Email, engineer.Password, "/settings");
        await login.WaitInteractiveAsync();

        var editor = page.Locator("[data-testid=sources-editor]");
        await Assertions.Expect(editor.Locator("[data-testid=secret-prometheus-token]")).ToHaveAttributeAsync("data-secret-state", "not set");
        var url = editor.Locator("input[data-field=prometheus-url], [data-field=prometheus-url] input");
        await Assertions.Expect(url).ToHaveValueAsync(TestStack.Current.PrometheusUrl);

        var closed = Web.SourceSettingsApiTests.ClosedPort();
        await url.FillAsync($"http://127.0.0.1:{closed}");
        var prometheusTest = editor.Locator("[data-testid=test-prometheus]");
        await prometheusTest.Locator("[data-testid=test-connection]").ClickAsync();
        var result = prometheusTest.Locator("[data-testid=test-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-outcome", "Failed");
        await Assertions.Expect(result).ToContainTextAsync($"Failed: Prometheus at http://127.0.0.1:{closed}: could not reach it, or it did not answer as a Prometheus API.");
        await TopScreenshotAsync(page, "settings-sources");
        await editor.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDir, "settings-sources-card.png") });

        await url.FillAsync("prometheus:9090");
        await Assertions.Expect(editor).ToContainTextAsync("Prometheus:Url must be an absolute http(s) URL (got 'prometheus:9090').");
        await editor.Locator("[data-testid=sources-save]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Nothing saved");
        await Assertions.Expect(editor.Locator(".mud-input-error").First).ToBeVisibleAsync();
        await TopScreenshotAsync(page, "settings-sources-invalid");

        await editor.Locator("[data-testid=sources-revert]").ClickAsync();
        await Assertions.Expect(url).ToHaveValueAsync(TestStack.Current.PrometheusUrl);
    }

    /// <summary>A full-page screenshot from the top, so the fixed app bar is drawn where it belongs.</summary>
    private static async Task TopScreenshotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Browser.ScreenshotAsync(page, name);
    }
}
