using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>The owner view in Chromium: its key numbers are the API's numbers.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class OwnerViewTests(DashboardAppFactory app)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task Owner_OpensOwnerView_KeyNumbersMatchTheSummaryApi()
    {
        var owner = app.For("owner");
        using var api = app.CreateRawClient(owner.Token);
        (await api.PutAsJsonAsync("/api/v1/business/profile",
            new { monthlyRecurringRevenueUsd = 500_000, activeUsers = 2_400, monthlyInfraSpendUsd = 1_900, sloTargetPercent = 99.9 })).EnsureSuccessStatusCode();
        var before = await Eventually.WaitForAsync(() => api.GetFromJsonAsync<JsonElement>("/api/v1/business/summary"),
            // This month's downtime cost needs readings in this calendar month: the demo history is written oldest
            // first, so the 30-day uptime can be there before this month's part of it is (a fresh-clone CI run saw that).
            s => s.GetProperty("firstBreach").GetProperty("state").GetString() != "NoData" && s.GetProperty("uptime").TryGetProperty("uptimePercent", out _) &&
                 s.GetProperty("money").TryGetProperty("downtimeCostThisMonthUsd", out _),
            JobTimeout, "uptime history, this month's downtime and forecasts behind the summary");
        await using var context = await Browser.NewContextAsync(app.BaseAddress);
        var page = await context.NewPageAsync();
        var login = new LoginPage(page);

        await login.SignInAsync(owner.Email, owner.Password, "/owner");
        await login.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator("[data-testid=owner-uptime]")).ToBeVisibleAsync();
        var after = await api.GetFromJsonAsync<JsonElement>("/api/v1/business/summary");

        // Money follows from MRR alone: exact.
        await Assertions.Expect(page.Locator("[data-testid=figure-outage-cost]")).ToHaveTextAsync("$685/h");
        // The measured figures come from one availability reading that every summary shares until the cache
        // refreshes it (new readings arrive every 15 s). Which API read carries the page's reading is told by
        // its measurement time, not by the order of the reads: on a slow run the reading can change more than
        // once between them.
        var shown = DateTimeOffset.Parse((await page.Locator("[data-testid=owner-summary]").GetAttributeAsync("data-measured-at"))!, Us);
        Assert.InRange(shown, MeasuredAt(before), MeasuredAt(after));
        if (new[] { before, after }.Where(s => MeasuredAt(s) == shown).Select(s => (JsonElement?)s).FirstOrDefault() is { } same)
        {
            await ExpectFigureAsync(page, "owner-uptime", Uptime(same));
            await ExpectFigureAsync(page, "owner-error-budget", Budget(same));
            await ExpectFigureAsync(page, "owner-downtime-cost", DowntimeCost(same));
        }
        else
        {
            // A reading made and replaced between the two API reads: no API read carries it, so only its form is checked.
            await Assertions.Expect(page.Locator("[data-testid=owner-uptime]")).ToHaveTextAsync(new Regex(@"^\d+(\.\d+)? %$"));
            await Assertions.Expect(page.Locator("[data-testid=owner-error-budget]")).ToHaveTextAsync(new Regex(@"^\d+ %$"));
            await Assertions.Expect(page.Locator("[data-testid=owner-downtime-cost]")).ToHaveTextAsync(new Regex(@"^\$[\d,.]+K?$"));
        }
        await Assertions.Expect(page.Locator("[data-testid=owner-stage]")).ToHaveTextAsync(after.GetProperty("stage").GetProperty("stage").GetString()!);
        await Assertions.Expect(page.Locator("[data-testid=owner-budget-fit-verdict]")).ToContainTextAsync("Within budget");
        await Assertions.Expect(page.Locator("[data-testid=owner-burn-tier]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-testid=whatif-3x]")).Not.ToBeEmptyAsync();
        await Browser.ScreenshotAsync(page, "owner-view");
    }

    private static DateTimeOffset MeasuredAt(JsonElement summary) => summary.GetProperty("uptime").GetProperty("measuredAt").GetDateTimeOffset();

    private static async Task ExpectFigureAsync(IPage page, string testId, string expected) =>
        await Assertions.Expect(page.Locator($"[data-testid={testId}]")).ToHaveTextAsync(expected);

    private static string Uptime(JsonElement summary)
    {
        var p = summary.GetProperty("uptime").GetProperty("uptimePercent").GetDouble();
        // The API's number in the page's one percent format (the format itself is pinned in HumanizeTests).
        return Dashboard.Components.Shared.Humanize.Percent(p);
    }

    private static string Budget(JsonElement summary) =>
        $"{Math.Max(summary.GetProperty("errorBudget").GetProperty("remainingPercent").GetDouble(), 0).ToString("0", Us)} %";

    private static string DowntimeCost(JsonElement summary)
    {
        var cost = summary.GetProperty("money").GetProperty("downtimeCostThisMonthUsd").GetDecimal();
        return cost >= 10_000m ? $"${(cost / 1_000m).ToString("0.#", Us)}K" : $"${cost.ToString("#,0", Us)}";
    }
}
