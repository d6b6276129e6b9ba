using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// The designer view as served (prerendered HTML): per-route latency from the ingested series,
/// the conversion estimate with a percentage for everyone and money for owners only.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed partial class DesignerViewTests(DashboardAppFactory app)
{
    private const decimal DistinctRevenuePerConversion = 41.37m;

    [GeneratedRegex(@"\$\s?\d")]
    private static partial Regex MoneyFigure();

    [Fact]
    public async Task DesignerPage_Designer_PercentButNoRevenueFigure_OwnerSeesMoney()
    {
        await SetProfileAsync();
        await WaitForLiveLatencyAsync();
        var designer = app.For("designer");
        var owner = app.For("owner");
        using var designerClient = await app.SignInAsync(designer.Email, designer.Password);
        using var ownerClient = await app.SignInAsync(owner.Email, owner.Password);

        var designerPage = await designerClient.GetStringAsync("/designer");
        var ownerPage = await ownerClient.GetStringAsync("/designer");

        Assert.Contains("data-testid=\"conversion-percent\"", designerPage);
        Assert.DoesNotMatch(MoneyFigure(), designerPage);
        Assert.DoesNotContain("41.37", designerPage);
        Assert.DoesNotContain("revenue lost", designerPage);
        Assert.Contains("Money figures are shown to owners only", designerPage);
        // The same page for an owner carries money, so the designer's page lacks it because of the role.
        Assert.Matches(MoneyFigure(), ownerPage);
        Assert.Contains("revenue lost per 1,000 conversions", ownerPage);
    }

    [Fact]
    public async Task DesignerPage_AfterIngestion_EveryDemoRouteHasABudgetRow()
    {
        var designer = app.For("designer");
        using var client = await app.SignInAsync(designer.Email, designer.Password);

        // Prometheus scrapes the demo every few seconds and ingestion reads it every 15 s.
        var page = await Eventually.WaitForAsync(() => client.GetStringAsync("/designer"),
            html => html.Contains("data-route=\"/checkout\"", StringComparison.Ordinal) && html.Contains("data-testid=\"budget-row\"", StringComparison.Ordinal),
            TimeSpan.FromMinutes(2), "per-route latency rows");

        foreach (var route in new[] { "/", "/app", "/api/orders", "/checkout" })
        {
            Assert.Contains($"data-testid=\"budget-row\" data-route=\"{route}\"", page);
        }
        Assert.Matches("data-verdict=\"(Pass|Fail)\"", page);
        Assert.Equal(4, Regex.Count(page, "data-testid=\"degradation-state\""));
    }

    [Fact]
    public async Task LatencyTrends_FreshDemo_EveryRouteHasADayOfHistory_ReachingNow()
    {
        // A fresh start: the test Prometheus began scraping minutes ago, so a day-long route line comes from the stored past.
        var range = TimeSpan.FromHours(24);
        var report = await Eventually.WaitForAsync(async () =>
            {
                using var scope = app.Services.CreateScope();
                return await scope.ServiceProvider.GetRequiredService<Dashboard.Services.Designer.DesignerService>().GetLatencyAsync(range, CancellationToken.None);
            },
            r => r.Routes.Count(route => route.P50.Count > 0 && route.P50[0].At < r.From.AddHours(1) && r.To - route.P50[^1].At < TimeSpan.FromMinutes(2)) == 4,
            TimeSpan.FromMinutes(2), "a day of per-route latency history");

        foreach (var route in report.Routes)
        {
            Assert.True(route.P50[0].At < report.From.AddHours(1), $"{route.Route}: p50 starts at {route.P50[0].At:O}, the range at {report.From:O}");
            Assert.True(route.P99[0].At < report.From.AddHours(1), $"{route.Route}: p99 starts at {route.P99[0].At:O}");
            // Up to the newest sample, not a bucket minutes before now.
            Assert.True(report.To - route.P50[^1].At < TimeSpan.FromMinutes(2), $"{route.Route}: p50 ends at {route.P50[^1].At:O}, now is {report.To:O}");
            Assert.True(route.P50.Count > 200, $"{route.Route}: {route.P50.Count} points in a day");
        }
    }

    [Fact]
    public async Task DesignerPage_EveryRole_Opens()
    {
        foreach (var role in new[] { "owner", "engineer", "pm", "designer" })
        {
            var user = app.For(role);
            using var client = await app.SignInAsync(user.Email, user.Password);

            var response = await client.GetAsync("/designer");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("data-testid=\"designer-checklist\"", await response.Content.ReadAsStringAsync());
        }
    }

    private async Task SetProfileAsync()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        // A baseline below the demo's p50 (60 ms at least), so the estimate has a cost to price.
        var response = await owner.PutAsJsonAsync("/api/v1/business/profile", new
        {
            monthlyRecurringRevenueUsd = 500_000,
            activeUsers = 2_400,
            monthlyInfraSpendUsd = 1_900,
            sloTargetPercent = 99.9,
            conversionBaselineLatencyMs = 20,
            revenuePerConversionUsd = DistinctRevenuePerConversion,
        });
        response.EnsureSuccessStatusCode();
    }

    private async Task WaitForLiveLatencyAsync()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        await Eventually.WaitForAsync(() => owner.GetFromJsonAsync<JsonElement>("/api/v1/status"),
            s => s.GetProperty("gauges").EnumerateArray().Any(g => g.GetProperty("metricId").GetString() == "latency_p50" && g.TryGetProperty("value", out _)),
            TimeSpan.FromMinutes(2), "a live p50 latency");
    }
}
