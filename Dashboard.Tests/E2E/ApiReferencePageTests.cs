using Dashboard.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>The API reference renders in Chromium under the app's Content-Security-Policy, with nothing fetched
/// from outside the app (issue 16, item 7).</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ApiReferencePageTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Engineer_OpensTheReference_SeesOperationsDescribed_NothingBlockedOrExternal()
    {
        var engineer = app.For("engineer");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(m.Text);
            }
        };
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(app.BaseAddress.ToString(), StringComparison.OrdinalIgnoreCase) && !r.Url.StartsWith("data:", StringComparison.Ordinal) && !r.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                problems.Add("external request: " + r.Url);
            }
        };
        var login = new LoginPage(page);
        await login.SignInAsync(engineer.Email, engineer.Password);
        await login.WaitInteractiveAsync();

        await page.GotoAsync(OpenApiRegistration.ReferencePath);

        // The document arrived and was drawn: its title, and the first operation with the summary ApiOperations gives it.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard API" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Who is signed in: name, roles and what they may open.").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "api-reference");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
