using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>
/// The resource editor in Chromium: the query previews live from the connected Prometheus (series with labels and
/// values, or Prometheus' own error verbatim), metric names complete from Prometheus, and a resource created in the
/// dialog is saved and listed.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ResourceEditorTests(DashboardAppFactory app)
{
    private const string Id = "test_editor_goroutines";

    [Fact]
    public async Task Engineer_PreviewsQuery_SeesPrometheusErrorVerbatim_CompletesMetricName_AndCreatesResource()
    {
        var engineer = app.For("engineer");
        using var api = app.CreateRawClient(engineer.Token);
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(engineer.Email, engineer.Password, "/settings/resources");
        await login.WaitInteractiveAsync();
        try
        {
            await page.Locator("[data-testid=resource-add]").ClickAsync();
            var dialog = page.Locator("[data-testid=resource-dialog]");
            ILocator Field(string name, string element = "input") => dialog.Locator($"{element}[data-field={name}], [data-field={name}] {element}").First;
            var query = Field("usageQuery", "textarea");

            // Save on an empty form: it turns off and says which fields keep it off, linked to the button for screen readers.
            await page.Locator("[data-testid=resource-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=resource-save]")).ToBeDisabledAsync();
            await Assertions.Expect(page.Locator("[data-testid=resource-save-why]")).ToHaveTextAsync("Save is off until Id, Name and Usage query are fixed.");
            await Assertions.Expect(page.Locator("[data-testid=resource-save]")).ToHaveAttributeAsync("aria-describedby", "resource-save-why");

            // A broken expression: the preview shows Prometheus' own message, exactly as the API has it.
            await query.FillAsync("sum(rate(go_goroutines[5m])");
            var error = dialog.Locator("[data-testid=preview-error]");
            await Assertions.Expect(error).ToContainTextAsync("bad_data: ");
            var expected = await (await api.PostAsJsonAsync("/api/v1/resources/preview", new { query = "sum(rate(go_goroutines[5m])" }))
                .Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(expected.GetProperty("usage").GetProperty("error").GetString(), (await error.InnerTextAsync()).Trim());
            await Browser.ScreenshotAsync(page, "resource-editor-error");

            // Metric-name completion from Prometheus' label-values API replaces nothing but fills an empty query.
            await query.FillAsync("");
            var search = Field("metric-search");
            await search.FillAsync("go_gorout");
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "go_goroutines" }).First.ClickAsync();
            await Assertions.Expect(query).ToHaveValueAsync("go_goroutines");

            // A valid query: its series, with labels and values in the unit.
            await query.FillAsync("go_goroutines{job=\"prometheus\"}");
            await Assertions.Expect(dialog.Locator("[data-testid=preview-series]").First).ToContainTextAsync("job=\"prometheus\"");
            await Field("id").FillAsync(Id);
            await Field("name").FillAsync("Prometheus goroutines (test)");
            await dialog.Locator(".mud-select", new() { Has = page.Locator("label", new() { HasText = "Unit of the values" }) }).First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "count" }).First.ClickAsync();
            await Field("warning").FillAsync("100000");
            await Field("critical").FillAsync("200000");
            await Browser.ScreenshotAsync(page, "resource-editor");
            await page.Locator("[data-testid=resource-save]").ClickAsync();
            await Assertions.Expect(page.Locator($"[data-testid=resource-row][data-id={Id}]")).ToContainTextAsync("Prometheus goroutines (test)");

            var saved = await api.GetFromJsonAsync<JsonElement>($"/api/v1/resources/{Id}");
            Assert.Equal("go_goroutines{job=\"prometheus\"}", saved.GetProperty("usageQuery").GetString());
            Assert.Equal("count", saved.GetProperty("unit").GetString());
        }
        finally
        {
            await api.DeleteAsync($"/api/v1/resources/{Id}");
        }
    }

    [Fact]
    public async Task Engineer_ExportsYaml_ImportsBrokenOneSeesLineAndField_ThenReimportsExport()
    {
        var engineer = app.For("engineer");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(engineer.Email, engineer.Password, "/settings/resources");
        await login.WaitInteractiveAsync();

        // The export link works with the page's own sign-in (cookie), no token needed.
        var exported = await page.APIRequest.GetAsync("/api/v1/config/export");
        Assert.Equal(200, exported.Status);
        var yaml = await exported.TextAsync();
        Assert.Contains("kind: DashboardConfig", yaml);

        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yml");
        var good = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(broken, "apiVersion: dashboard/v1\nkind: DashboardConfig\nresources:\n  - id: cpu\n    warning: high\n");
        await File.WriteAllTextAsync(good, yaml);
        try
        {
            await page.Locator("[data-testid=config-import]").SetInputFilesAsync(broken);
            var errors = page.Locator("[data-testid=config-import-errors]");
            await Assertions.Expect(errors).ToContainTextAsync("line 5, resources[0].warning");
            await Browser.ScreenshotAsync(page, "config-import-errors");

            await page.Locator("[data-testid=config-import]").SetInputFilesAsync(good);
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("0 created, 0 updated, 0 deleted");
        }
        finally
        {
            File.Delete(broken);
            File.Delete(good);
        }
    }
}
