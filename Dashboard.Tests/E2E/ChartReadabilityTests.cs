using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>
/// The forecast and latency charts are drawings that scale with their box (issue 16: "chart labels are unreadable" on a
/// phone). At a phone's and a laptop's width every label of every chart shows at a readable size, no two labels cover
/// each other, and none runs off the screen.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ChartReadabilityTests(DashboardAppFactory app)
{
    public static TheoryData<string, string, int> PagesAndWidths() => new()
    {
        { "pm", "/pm", 390 }, { "pm", "/pm", 1440 }, { "designer", "/designer", 390 }, { "designer", "/designer", 1440 },
    };

    [Theory]
    [MemberData(nameof(PagesAndWidths))]
    public async Task ChartLabels_ReadableSize_NoOverlap_OnScreen(string role, string path, int width)
    {
        var user = app.For(role);
        if (role == "pm")
        {
            // The PM page draws the first forecast's chart once forecasts exist.
            using var api = app.CreateRawClient(user.Token);
            await Eventually.WaitForAsync(() => api.GetFromJsonAsync<JsonElement>("/api/v1/forecasts"),
                f => f.GetProperty("forecasts").GetArrayLength() > 0, TimeSpan.FromMinutes(3), "a stored forecast");
        }
        await using var context = await Browser.NewContextAsync(app.BaseAddress, width, width < 600 ? 844 : 900);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(user.Email, user.Password, path);
        await login.WaitInteractiveAsync();
        var labels = page.Locator("figure.svg-chart svg text");
        await Assertions.Expect(labels.First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Browser.ScreenshotAsync(page, $"charts-{role}-{width}");

        var found = await page.EvaluateAsync<Label[]>(@"() => [...document.querySelectorAll('figure.svg-chart svg')].flatMap((svg, chart) =>
            [...svg.querySelectorAll('text')].map(t => { const r = t.getBoundingClientRect();
                return { chart, text: t.textContent.trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                         size: parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a }; })
            .filter(l => l.right > l.left))");

        Assert.NotEmpty(found);
        foreach (var label in found)
        {
            // Font size on screen: the drawing's units times the drawing's scale.
            Assert.True(label.Size is >= 10.5 and <= 18, $"{path} at {width} px: '{label.Text}' shows at {label.Size:0.0} px");
            Assert.True(label.Left >= 0 && label.Right <= width, $"{path} at {width} px: '{label.Text}' runs off the screen ({label.Left:0}-{label.Right:0} px)");
        }
        // Text boxes include the font's line gap; a pixel of it may touch, the letters may not.
        var overlaps = found.SelectMany((a, i) => found.Skip(i + 1).Where(b => a.Chart == b.Chart
                && a.Left < b.Right - 1 && b.Left < a.Right - 1 && a.Top < b.Bottom - 2 && b.Top < a.Bottom - 2)
            .Select(b => $"'{a.Text}' and '{b.Text}'")).ToList();
        Assert.True(overlaps.Count == 0, $"{path} at {width} px: labels cover each other: {string.Join("; ", overlaps.Take(5))}");
    }

    private sealed class Label
    {
        public int Chart { get; set; }

        public string Text { get; set; } = "";

        public double Left { get; set; }

        public double Right { get; set; }

        public double Top { get; set; }

        public double Bottom { get; set; }

        public double Size { get; set; }
    }
}
