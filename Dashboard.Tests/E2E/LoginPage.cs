using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>Page object for /account/login; records the browser console so a failure says why.</summary>
public sealed class LoginPage
{
    private readonly IPage page;
    private readonly List<string> console = [];

    public LoginPage(IPage page)
    {
        this.page = page;
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add("pageerror: " + error);
    }

    public async Task SignInAsync(string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
    }

    /// <summary>Blazor's circuit is up and the page reacts to clicks.</summary>
    public async Task WaitInteractiveAsync()
    {
        try
        {
            await page.Locator("[data-testid=interactive]").Filter(new LocatorFilterOptions { HasText = "interactive" })
                .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        }
        catch (TimeoutException ex)
        {
            await Browser.ScreenshotAsync(page, "not-interactive-" + Guid.NewGuid().ToString("N")[..6]);
            throw new TimeoutException($"{page.Url} never became interactive. Console:\n{string.Join("\n", console)}", ex);
        }
    }
}
