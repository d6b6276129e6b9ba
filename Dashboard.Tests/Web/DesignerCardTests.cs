using System.Text.RegularExpressions;
using Bunit;
using Dashboard.Components.Designer;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Storage;
using Dashboard.Services;
using Dashboard.Services.Designer;

namespace Dashboard.Tests.Web;

/// <summary>
/// Designer cards in their hard states: no baseline, no data, stale, a zero revenue per conversion
/// for an owner and absent revenue for everyone else; the budget table without routes and with a
/// stale one; the degradation preview.
/// </summary>
public sealed partial class DesignerCardTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 14, 5, 0, TimeSpan.Zero);
    private static readonly LatencyBudget Budget = new(MetricCatalog.Default.Get(MetricIds.LatencyP50).Threshold, MetricCatalog.Default.Get(MetricIds.LatencyP99).Threshold);

    [GeneratedRegex(@"\$\s?\d")]
    private static partial Regex MoneyFigure();

    private static BusinessProfileView Profile(bool owner, int? baselineMs = 300, decimal? revenuePerConversion = 40m) => new()
    {
        ActiveUsers = 2_400,
        ConversionBaselineLatencyMs = baselineMs,
        // Shaped like BusinessProfileService does: revenue never reaches a non-owner.
        RevenuePerConversionUsd = owner ? revenuePerConversion : null,
        MonthlyRecurringRevenueUsd = owner ? 500_000m : null,
        IncludesRevenue = owner,
    };

    private static GaugeSnapshot P50(double? value, HealthStatus status, string? reason = null) => new()
    {
        MetricId = MetricIds.LatencyP50,
        Name = "p50 response time",
        Category = "Latency",
        Entity = "",
        Unit = "ms",
        Value = value,
        Status = status,
        SampledAt = value is null ? null : Now.AddMinutes(-8),
        Since = Now.AddMinutes(-8),
        Threshold = new Dashboard.Domain.Values.Threshold(200, 500, Dashboard.Domain.Values.ThresholdDirection.AboveIsBad, "ms"),
        StaleReason = reason,
    };

    private IRenderedComponent<ConversionCard> RenderCard(ConversionView view) => Render<ConversionCard>(p => p.Add(c => c.View, view));

    [Fact]
    public void Conversion_NoBaseline_SaysWhoSetsIt()
    {
        var cut = RenderCard(DesignerService.Conversion(Profile(owner: false, baselineMs: null), P50(600, HealthStatus.Critical)));

        Assert.Equal("NoBaseline", cut.Find("[data-testid=conversion-card]").GetAttribute("data-state"));
        Assert.Contains("An owner sets the conversion baseline", cut.Find("[data-testid=conversion-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=conversion-percent]"));
    }

    [Fact]
    public void Conversion_NoLatencyData_NoPercentNoZero()
    {
        var cut = RenderCard(DesignerService.Conversion(Profile(owner: true), P50(null, HealthStatus.NoData)));

        Assert.Contains("No current latency", cut.Find("[data-testid=conversion-title]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=conversion-percent]"));
        Assert.DoesNotContain("0 %", cut.Markup);
    }

    [Fact]
    public void Conversion_StaleLatency_LastValueWithStaleSinceAndReason()
    {
        var cut = RenderCard(DesignerService.Conversion(Profile(owner: false), P50(600, HealthStatus.Stale, "Prometheus unreachable: connection refused")));

        Assert.Equal("Stale", cut.Find("[data-testid=conversion-card]").GetAttribute("data-state"));
        Assert.StartsWith("last ", cut.Find("[data-testid=conversion-percent]").TextContent.Trim());
        var stale = cut.Find("[data-testid=conversion-stale]").TextContent;
        Assert.Contains("stale since", stale);
        Assert.Contains("connection refused", stale);
    }

    [Theory]
    [InlineData("engineer")]
    [InlineData("pm")]
    [InlineData("designer")]
    public void Conversion_NonOwner_PercentButNoMoneyAnywhere(string role)
    {
        _ = role; // every non-owner gets the same shaped profile; the role names the case
        var view = DesignerService.Conversion(Profile(owner: false), P50(600, HealthStatus.Critical));

        var cut = RenderCard(view);

        Assert.Null(view.LostRevenue);
        // 300 ms over the 300 ms baseline: 1 - 0.99^3 = 2.97 % lost.
        Assert.Contains("3 %", cut.Find("[data-testid=conversion-percent]").TextContent);
        Assert.DoesNotMatch(MoneyFigure(), cut.Markup);
        Assert.Contains("owners only", cut.Find("[data-testid=conversion-money-note]").TextContent);
    }

    [Fact]
    public void Conversion_OwnerWithRevenuePerConversion_ShowsMoney()
    {
        var cut = RenderCard(DesignerService.Conversion(Profile(owner: true), P50(600, HealthStatus.Critical)));

        // 300 ms over the baseline keeps 0.99^3 of conversions: 1,000 / 0.970299 - 1,000 = 30.61 lost, at $40 each = $1,224.4.
        Assert.Contains("$1,224", cut.Find("[data-testid=conversion-money]").TextContent);
    }

    [Fact]
    public void Conversion_OwnerWithZeroRevenuePerConversion_NoMoneyFigureAndSaysWhy()
    {
        var view = DesignerService.Conversion(Profile(owner: true, revenuePerConversion: 0m), P50(600, HealthStatus.Critical));

        var cut = RenderCard(view);

        Assert.Null(view.LostRevenue);
        Assert.Empty(cut.FindAll("[data-testid=conversion-money]"));
        Assert.Contains("Revenue per conversion is $0", cut.Find("[data-testid=conversion-money-note]").TextContent);
    }

    [Fact]
    public void Conversion_FasterThanBaseline_NoCostClaimed()
    {
        var cut = RenderCard(DesignerService.Conversion(Profile(owner: false), P50(120, HealthStatus.Ok)));

        Assert.Contains("No conversion cost: p50 120 ms is within the 300 ms baseline", cut.Find("[data-testid=conversion-title]").TextContent);
    }

    [Fact]
    public void Judged_P99OverBudget_FailNamingIt()
    {
        var route = DesignerService.Judged(Route(p50: 150, p99: 1_300), Budget, staleReason: null);

        Assert.Equal(BudgetVerdict.Fail, route.Verdict);
        Assert.Equal("p99 1.3 s is over its 1 s budget", route.Summary);
    }

    [Fact]
    public void Judged_AtTheBudget_Pass()
    {
        var route = DesignerService.Judged(Route(p50: 200, p99: 1_000), Budget, staleReason: null);

        Assert.Equal(BudgetVerdict.Pass, route.Verdict);
    }

    [Fact]
    public void Judged_StaleOrEmpty_NoPassOrFail()
    {
        Assert.Equal(BudgetVerdict.Stale, DesignerService.Judged(Route(150, 600), Budget, "last sample at 14:01:00").Verdict);
        Assert.Equal(BudgetVerdict.NoData, DesignerService.Judged(Route(null, null), Budget, null).Verdict);
    }

    [Fact]
    public void BudgetTable_NoRoutes_SaysHowRoutesAreRead()
    {
        var cut = Render<RouteBudgetTable>(p => p.Add(c => c.Report, Report([])));

        Assert.Equal("No per-route latency yet", cut.Find("[data-testid=budget-title]").TextContent.Trim());
        Assert.Contains("Prometheus:Queries:route_latency_p50", cut.Find("[data-testid=budget-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=budget-row]"));
    }

    [Fact]
    public void BudgetTable_StaleRoute_LastValuesAndStaleWordNotPass()
    {
        var stale = DesignerService.Judged(Route(180, 700, "/checkout"), Budget, "last sample at 14:01:00");
        var failing = DesignerService.Judged(Route(150, 1_300, "/app"), Budget, null);

        var cut = Render<RouteBudgetTable>(p => p.Add(c => c.Report, Report([failing, stale])));

        var row = cut.Find("[data-testid=budget-row][data-route='/checkout']");
        Assert.Equal("last 180 ms", row.QuerySelector("[data-testid=budget-p50]")!.TextContent.Trim());
        Assert.Equal("Stale", row.QuerySelector("[data-testid=budget-verdict]")!.TextContent.Trim());
        Assert.Equal("0 of 1 routes within budget, 1 without a current reading", cut.Find("[data-testid=budget-title]").TextContent.Trim());
    }

    [Fact]
    public void RouteCard_NoData_SaysNoLatencyAndDrawsNoLine()
    {
        var route = DesignerService.Judged(Route(null, null, "/checkout") with { P50 = [], P99 = [] }, Budget, null);

        var cut = Render<RouteLatencyCard>(p => p
            .Add(c => c.Route, route).Add(c => c.Budget, Budget)
            .Add(c => c.From, Now.AddHours(-24)).Add(c => c.To, Now));

        Assert.Contains("/checkout: no latency measured", cut.Find("[data-testid=route-title]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=latency-chart-empty]"));
        Assert.Empty(cut.FindAll("[data-testid=latency-p50]"));
    }

    [Fact]
    public void RouteCard_WithHistory_DrawsBothPercentilesAndBudgetLines()
    {
        var points = Enumerable.Range(0, 12).Select(i => (Now.AddMinutes(i * 5 - 60), 120.0 + i)).ToList();
        var route = DesignerService.Judged(Route(131, 560, "/app") with { P50 = points, P99 = [.. points.Select(p => (p.Item1, p.Item2 * 4))] }, Budget, null);

        var cut = Render<RouteLatencyCard>(p => p
            .Add(c => c.Route, route).Add(c => c.Budget, Budget)
            .Add(c => c.From, Now.AddHours(-1)).Add(c => c.To, Now));

        Assert.Equal(12, cut.Find("[data-testid=latency-p50]").GetAttribute("points")!.Split(' ').Length);
        Assert.Equal(12, cut.Find("[data-testid=latency-p99]").GetAttribute("points")!.Split(' ').Length);
        Assert.Contains("p99 budget 1 s", cut.Markup);
        Assert.Contains("p50 budget 200 ms", cut.Markup);
        Assert.Equal("Pass", cut.Find("[data-testid=budget-verdict]").TextContent.Trim());
    }

    [Fact]
    public void DegradationPreview_RendersTheRealGaugeInEachState()
    {
        var cut = Render<DegradationPreview>(p => p.Add(c => c.Now, Now));

        var states = cut.FindAll("[data-testid=degradation-state]");
        Assert.Equal(["stale-source", "slow-source", "service-down", "no-data"], states.Select(s => s.GetAttribute("data-state")));
        var gauges = cut.FindAll(".gauge-card");
        Assert.Equal(["Stale", "Stale", "Critical", "NoData"], gauges.Select(g => g.GetAttribute("data-status")));
        Assert.Contains("Connection refused", gauges[0].TextContent);
        Assert.Contains("last sample at", gauges[1].TextContent);
        Assert.Contains("no data", gauges[3].QuerySelector("[data-testid=gauge-title]")!.TextContent);
    }

    private static RouteLatency Route(double? p50, double? p99, string name = "/checkout") => new()
    {
        Route = name,
        Entity = $"route=\"{name}\"",
        P50 = [],
        P99 = [],
        P50Now = p50,
        P99Now = p99,
        SampledAt = p50 is null && p99 is null ? null : Now.AddMinutes(-4),
        Verdict = BudgetVerdict.NoData,
        Summary = "",
    };

    private static LatencyReport Report(IReadOnlyList<RouteLatency> routes) => new()
    {
        From = Now.AddHours(-24),
        To = Now,
        Resolution = HistoryResolution.FiveMinutes,
        Budget = Budget,
        Overall = DesignerService.Judged(Route(150, 600, DesignerService.AllPages), Budget, null),
        Routes = routes,
    };
}
