using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Dashboard.Tests.E2E;

/// <summary>The engineer view in Chromium: a real disk alert (threshold lowered under the live reading) is acknowledged from the triage table.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class EngineerAlertsTests(DashboardAppFactory app)
{
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Engineer_AcknowledgesAFiringAlert_SeesWhoAndWhen_EvidenceAndRunbook()
    {
        var engineer = app.For("engineer");
        using var api = app.CreateRawClient(engineer.Token);
        try
        {
            var lowered = await api.PutAsJsonAsync($"/api/v1/thresholds/{MetricIds.Disk}", new { warning = 1, critical = 100, sustainedForSeconds = 0 });
            Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
            static bool Unhandled(JsonElement a) =>
                a.GetProperty("metric").GetString() == MetricIds.Disk && a.GetProperty("state").GetString() == "Firing"
                && !a.TryGetProperty("acknowledgement", out _) && !a.TryGetProperty("silence", out _);
            var report = await Eventually.WaitForAsync(() => api.GetFromJsonAsync<JsonElement>("/api/v1/alerts"),
                r => r.GetProperty("alerts").EnumerateArray().Any(Unhandled), AlertTimeout, "a firing disk alert nobody handled");
            var alert = report.GetProperty("alerts").EnumerateArray().First(Unhandled);
            var id = alert.GetProperty("id").GetInt64();

            await using var context = await Browser.NewContextAsync(app.BaseAddress);
            var page = await context.NewPageAsync();
            var login = new LoginPage(page);
            await login.SignInAsync(engineer.Email, engineer.Password, "/engineer");
            await login.WaitInteractiveAsync();

            var row = page.Locator($"[data-testid=alert-row][data-alert-id='{id}']");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=alerts-title]")).ToContainTextAsync("firing");
            await Assertions.Expect(row.Locator("[data-testid=alert-state]")).ToContainTextAsync("Firing for");

            await row.Locator("[data-testid=alert-ack-button]").ClickAsync();
            await page.Locator("textarea[data-testid=ack-note], [data-testid=ack-note] textarea").FillAsync("checking retention of the observation store");
            await page.ClickAsync("[data-testid=ack-confirm]");

            await Assertions.Expect(row.Locator("[data-testid=alert-ack]")).ToContainTextAsync("Acknowledged by engineer@demo.local at");
            await Assertions.Expect(row.Locator("[data-testid=alert-ack]")).ToContainTextAsync("checking retention of the observation store");
            await Assertions.Expect(row.Locator("[data-testid=alert-ack-button]")).ToHaveCountAsync(0);

            await row.Locator("[data-testid=alert-expand]").ClickAsync();
            var detail = page.Locator("[data-testid=alert-detail]").First;
            await Assertions.Expect(detail.Locator("[data-testid=alert-runbook]")).ToContainTextAsync("Retention and partitioning");
            await Assertions.Expect(detail.Locator("[data-testid=forecast-chart][data-metric=disk]")).ToBeVisibleAsync();

            var acked = (await api.GetFromJsonAsync<JsonElement>("/api/v1/alerts")).GetProperty("alerts").EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == id);
            Assert.Equal("engineer@demo.local", acked.GetProperty("acknowledgement").GetProperty("by").GetString());
            await Browser.ScreenshotAsync(page, "engineer-alerts");
        }
        finally
        {
            await api.DeleteAsync($"/api/v1/thresholds/{MetricIds.Disk}");
        }
    }
}
