using Dashboard.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>
/// axe-core (WCAG 2.2 A and AA rules) on every page each role can open, in the light and the dark theme, with the
/// page's data loaded (issue 16, item 5): no serious or critical violation. The failure lists each violation with
/// the elements it found, so the fix can start from the message.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class AccessibilityTests(DashboardAppFactory app)
{
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Dictionary<string, string[]> PagesByRole = new()
    {
        ["owner"] = ["/", "/owner", "/checklist", "/settings", "/settings/resources", "/wall", "/engineer", "/pm", "/designer"],
        ["engineer"] = ["/", "/engineer", "/account/denied?ReturnUrl=%2Fowner"],
        ["pm"] = ["/", "/pm"],
        ["designer"] = ["/", "/designer"],
    };

    public static TheoryData<string, bool> RolesAndThemes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var role in PagesByRole.Keys)
        {
            data.Add(role, false);
            data.Add(role, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndThemes))]
    public async Task EveryPage_HasNoSeriousOrCriticalViolation(string role, bool dark)
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        // The layout follows the system's preference on first load (the theme toggle's starting point).
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });
        var user = app.For(role);
        var login = new LoginPage(page);
        var found = new List<string>();

        await page.GotoAsync("/account/login");
        found.AddRange(await SeriousViolationsAsync(page, "/account/login"));

        await login.SignInAsync(user.Email, user.Password);
        await login.WaitInteractiveAsync();
        foreach (var path in PagesByRole[role])
        {
            await page.GotoAsync(path);
            if (!path.StartsWith("/account/", StringComparison.Ordinal))
            {
                // The account pages are static; the rest are interactive and fill in after the circuit starts, then
                // switch to the system's theme: wait for the asked-for one (a light page scanned twice would prove
                // nothing about the dark one).
                await login.WaitInteractiveAsync();
                if (path == "/wall" && !dark)
                {
                    // The wall starts dark whatever the system says (a screen on a wall); its toggle gives the light one.
                    await page.ClickAsync("[aria-label='Switch between light and dark theme']");
                }

                await page.WaitForFunctionAsync(
                    @"dark => {
                        const c = getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).map(Number);
                        return (c[0] + c[1] + c[2]) / 3 < 128 === dark;
                    }",
                    dark,
                    new PageWaitForFunctionOptions { Timeout = 10_000 });
            }

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            found.AddRange(await SeriousViolationsAsync(page, path));
        }

        await page.GotoAsync("/no-such-page");
        found.AddRange(await SeriousViolationsAsync(page, "/no-such-page"));

        Assert.True(found.Count == 0, $"{role}, {(dark ? "dark" : "light")} theme: {found.Count} serious or critical accessibility violations:\n{string.Join("\n", found)}");
    }

    /// <summary>
    /// Each role's own page with the keyboard alone: Tab reaches every visible control (links, buttons, inputs; a number
    /// field's step arrows excepted, the arrow keys do that in the field); and no status is told by colour alone (each coloured status mark has
    /// words or an accessible name).
    /// </summary>
    [Theory]
    [InlineData("owner", "/owner")]
    [InlineData("owner", "/settings")]
    [InlineData("engineer", "/engineer")]
    [InlineData("pm", "/pm")]
    [InlineData("designer", "/designer")]
    [InlineData("owner", "/")]
    public async Task EveryControl_ReachableByTab_StatusNotByColourAlone(string role, string path)
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var user = app.For(role);
        var login = new LoginPage(page);
        await login.SignInAsync(user.Email, user.Password, path);
        await login.WaitInteractiveAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Mark every visible control, then Tab until focus comes back round, noting which ones got it.
        var controls = await page.EvaluateAsync<int>(@"() => {
            const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=tab], [role=switch], [role=checkbox]')]
                // A tab list is one stop: the selected tab takes focus and the arrow keys move between tabs (ARIA tabs pattern).
                .filter(el => !el.disabled && !el.closest('.mud-input-numeric-spin') && !(el.getAttribute('role') === 'tab' && el.getAttribute('tabindex') === '-1') && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[aria-hidden=true]'));
            all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
            window.__kbReached = new Set();
            document.addEventListener('focusin', e => {
                const el = e.target.closest('[data-kb]') ?? e.target.querySelector?.('[data-kb]');
                if (el) window.__kbReached.add(el.getAttribute('data-kb'));
            });
            return all.length;
        }");
        Assert.True(controls > 3, $"{path}: only {controls} controls found; the page did not load");

        await page.Locator("body").FocusAsync();
        for (var i = 0; i < controls + 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        var unreached = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('[data-kb]')]
            .filter(el => !window.__kbReached.has(el.getAttribute('data-kb')) && el.getClientRects().length > 0)
            .map(el => `${el.tagName.toLowerCase()} ""${(el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().slice(0, 40)}""`)");
        Assert.True(unreached.Length == 0, $"{role} {path}: {unreached.Length} of {controls} controls never got keyboard focus: {string.Join(", ", unreached.Take(10))}");

        // Each tab list: from its selected tab, the right arrow moves focus to the next tab.
        foreach (var list in await page.Locator("[role=tablist]").AllAsync())
        {
            if (await list.Locator("[role=tab]").CountAsync() < 2)
            {
                continue;
            }

            await list.Locator("[role=tab][aria-selected=true]").FocusAsync();
            var before = await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");
            await page.Keyboard.PressAsync("ArrowRight");
            try
            {
                // The tabs answer the key through the circuit: wait for the round trip.
                await page.WaitForFunctionAsync(
                    "before => document.activeElement.getAttribute('role') === 'tab' && document.activeElement.textContent.trim() !== before",
                    before, new PageWaitForFunctionOptions { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                var after = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('role') + ': ' + document.activeElement.textContent.trim()");
                Assert.Fail($"{role} {path}: the arrow key does not move between tabs (from {before}, focus is on {after})");
            }
        }

        var colourOnly = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('[class*=mud-chip-color-], [class*=mud-alert-text-], [class*=mud-alert-filled-], [class*=mud-alert-outlined-], [data-status]')]
            .filter(el => el.getClientRects().length > 0 && !(el.textContent || '').trim() && !el.getAttribute('aria-label') && !el.getAttribute('title'))
            .map(el => el.outerHTML.slice(0, 120))");
        Assert.True(colourOnly.Length == 0, $"{role} {path}: status shown by colour alone: {string.Join(", ", colourOnly.Take(5))}");
    }

    internal static async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string path)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help}: " + string.Join(" | ", v.Nodes.Take(4).Select(n => $"{n.Target} {Shorten(n.Html)}")) + (v.Nodes.Length > 4 ? $" and {v.Nodes.Length - 4} more" : string.Empty));
    }

    private static string Shorten(string html) => html.Length > 140 ? html[..140] + "…" : html;
}
