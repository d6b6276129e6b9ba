using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>The owner generates a capacity report from the Owner view, downloads it, and the document opens (and prints) on its own.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ReportTests(DashboardAppFactory app)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);
    private static readonly string ReportDir = Path.Combine(RepoPaths.Root, "TestResults", "reports");

    [Fact]
    public async Task Owner_GeneratesReport_ProgressThenLink_DownloadOpensOfflineAndPrints()
    {
        var owner = app.For("owner");
        using var api = app.CreateRawClient(owner.Token);
        await Eventually.WaitForAsync(() => api.GetFromJsonAsync<JsonElement>("/api/v1/forecasts"),
            f => f.GetProperty("forecasts").EnumerateArray().Count(x => x.GetProperty("status").GetString() == "Forecasted") >= 3,
            JobTimeout, "stored forecasts");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);
        await login.SignInAsync(owner.Email, owner.Password, "/owner");
        await login.WaitInteractiveAsync();

        var card = page.Locator("[data-testid=reports-card]");
        await card.ScrollIntoViewIfNeededAsync();
        await card.Locator("[data-testid=reports-generate]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("ready to download", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        var link = card.Locator("[data-testid=reports-download]");
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator("[data-testid=reports-title]")).ToContainTextAsync("Capacity report ready");
        // From the top: a full-page shot of a scrolled page draws the fixed app bar mid-page.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Browser.ScreenshotAsync(page, "reports");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Directory.CreateDirectory(ReportDir);
        var path = Path.Combine(ReportDir, "report-owner.html");
        await download.SaveAsAsync(path);
        Assert.StartsWith("capacity-report-owner-", download.SuggestedFilename);
        var html = await File.ReadAllTextAsync(path);
        Assert.Contains("data-testid=\"report-ranked\"", html);

        // Opened from disk with the network cut: everything it shows is inside the file.
        await using var offline = await Browser.NewContextAsync(app.BaseAddress);
        await offline.SetOfflineAsync(true);
        var document = await offline.NewPageAsync();
        var failed = new List<string>();
        document.RequestFailed += (_, request) => failed.Add(request.Url);
        await document.GotoAsync(new Uri(path).AbsoluteUri);
        await Assertions.Expect(document.Locator("[data-testid=report-headline]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(document.Locator("[data-testid=report-chart] svg")).ToHaveCountAsync(3);
        await Assertions.Expect(document.Locator("[data-testid=report-outage-cost]")).ToContainTextAsync("$");
        Assert.Empty(failed);
        await Browser.ScreenshotAsync(document, "report-owner");

        // The print stylesheet gives a paged document (Chromium's own print-to-PDF).
        var pdf = await document.PdfAsync(new PagePdfOptions { Path = Path.Combine(ReportDir, "report-owner.pdf"), Format = "A4", PrintBackground = true });
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }
}
