using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>
/// Every role's pages at a phone, a tablet, a laptop and a wall screen (issue 16): nothing widens the page beyond the
/// screen (tables scroll inside their own box), the app bar fits, sign-out is on screen, and on a phone the menu says
/// who is signed in and signs out too. Screenshots of each page at each width go to TestResults/screenshots.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ResponsiveLayoutTests(DashboardAppFactory app)
{
    private static readonly Dictionary<string, string[]> PagesByRole = new()
    {
        ["owner"] = ["/", "/owner", "/checklist", "/settings"],
        ["engineer"] = ["/engineer"],
        ["pm"] = ["/pm"],
        ["designer"] = ["/designer"],
    };

    public static TheoryData<string, int> RolesAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var role in PagesByRole.Keys)
        {
            foreach (var width in new[] { 390, 768, 1440, 1920 })
            {
                data.Add(role, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndWidths))]
    public async Task EveryPage_FitsTheScreen_SignOutReachable(string role, int width)
    {
        await using var context = await Browser.NewContextAsync(app.BaseAddress, width, width < 600 ? 844 : 900);
        var page = await context.NewPageAsync();
        var user = app.For(role);
        var login = new LoginPage(page);
        await login.SignInAsync(user.Email, user.Password);
        await login.WaitInteractiveAsync();

        foreach (var path in PagesByRole[role])
        {
            await page.GotoAsync(path);
            await login.WaitInteractiveAsync();
            // Let the page's data arrive: a table or chart that comes later is what would widen it.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var name = $"responsive-{role}-{(path == "/" ? "overview" : path.Trim('/'))}-{width}";
            await Browser.ScreenshotAsync(page, name);

            var layout = await page.EvaluateAsync<Layout>(@"() => {
                const bar = document.querySelector('header.mud-appbar [role=toolbar]');
                const out = document.querySelector('header.mud-appbar [aria-label=""Sign out""]').getBoundingClientRect();
                // What sticks out: the outermost elements past the right edge (a table's own scroll box excepted).
                const wide = [];
                // Boxes past the edge, and boxes whose own text runs past their edge (a long word in a narrow box).
                for (const el of document.querySelectorAll('body *')) {
                    if (el.closest('.mud-table-container') && !el.classList.contains('mud-table-container')) continue;
                    const r = el.getBoundingClientRect();
                    const spills = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0;
                    if (r.right > window.innerWidth + 1 || (spills && r.left + el.scrollWidth > window.innerWidth + 1)) {
                        wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')} ""${(el.textContent || '').trim().slice(0, 50)}"" box ${Math.round(r.left)}-${Math.round(r.right)} px, content ${el.scrollWidth} px`);
                    }
                }
                // Tables marked to reflow must not scroll sideways on a phone: each row is a card there.
                const sideways = [...document.querySelectorAll('.reflow-table .mud-table-container, .reflow-table table')]
                    .filter(t => window.innerWidth < 600 && t.scrollWidth > t.clientWidth + 1)
                    .map(t => `${t.closest('[data-testid]')?.getAttribute('data-testid') ?? 'table'} ${t.scrollWidth} px in ${t.clientWidth} px`);
                return {
                    sideways: sideways.join('; '),
                    reflowing: document.querySelectorAll('.reflow-table').length,
                    wide: wide.slice(-6).join('; '),
                    document: document.documentElement.scrollWidth,
                    viewport: window.innerWidth,
                    bar: bar.scrollWidth,
                    signOutLeft: out.left,
                    signOutRight: out.right,
                };
            }");
            Assert.True(layout.Document <= layout.Viewport, $"{path} at {width} px: the page is {layout.Document} px wide ({name}.png): {layout.Wide}");
            if (path == "/settings")
            {
                // The thresholds table is always there: the reflow check above had something to check.
                Assert.True(layout.Reflowing > 0, $"{path}: no reflowing table found");
            }

            Assert.True(layout.Sideways.Length == 0, $"{path} at {width} px: a table that should reflow scrolls sideways ({name}.png): {layout.Sideways}");
            Assert.True(layout.Bar <= layout.Viewport, $"{path} at {width} px: the app bar needs {layout.Bar} px ({name}.png)");
            Assert.True(layout.SignOutLeft >= 0 && layout.SignOutRight <= layout.Viewport,
                $"{path} at {width} px: sign-out is off screen at {layout.SignOutLeft}-{layout.SignOutRight} px ({name}.png)");
        }

        if (width < 600)
        {
            // A phone: the app bar has no room for name and role; the menu shows them and signs out too.
            await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToBeHiddenAsync();
            await page.ClickAsync("[aria-label='Toggle navigation']");
            await Assertions.Expect(page.Locator("[data-testid=nav-user]")).ToHaveTextAsync(user.Email);
            await Assertions.Expect(page.Locator("[data-testid=nav-account]")).ToContainTextAsync(role);
            await Browser.ScreenshotAsync(page, $"responsive-{role}-menu-{width}");
            await page.ClickAsync("[data-testid=nav-sign-out]");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        }
        else
        {
            await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync(user.Email);
        }
    }

    private sealed class Layout
    {
        public string Sideways { get; set; } = "";

        public int Reflowing { get; set; }

        public string Wide { get; set; } = "";

        public double Document { get; set; }

        public double Viewport { get; set; }

        public double Bar { get; set; }

        public double SignOutLeft { get; set; }

        public double SignOutRight { get; set; }
    }
}
