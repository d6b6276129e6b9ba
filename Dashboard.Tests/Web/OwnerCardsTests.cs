using Bunit;
using Dashboard.Components.Owner;
using Dashboard.Domain.Business;
using Dashboard.Services;
using Dashboard.Services.Forecasts;

namespace Dashboard.Tests.Web;

/// <summary>The owner cards in their states: loading, no data, stale, partial, zero MRR, and with everything known.</summary>
public sealed class OwnerCardsTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static UptimeView Uptime(SourceState state = SourceState.Ok, string note = "From the stored 'uptime' series.", double? percent = 99.95) => new()
    {
        Series = "uptime",
        State = state,
        Note = note,
        SloTargetPercent = 99.9,
        WindowDays = 30,
        UptimePercent = percent,
        MeetsSlo = percent is { } p ? p >= 99.9 : null,
        CoveragePercent = percent is null ? 0 : 100,
        ThisWeekPercent = percent is null ? null : 99.97,
        LastWeekPercent = percent is null ? null : 99.91,
        Trend = percent is null ? null : ChangeDirection.Up,
        MonthStart = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        DowntimeThisMonthMinutes = percent is null ? null : 12.5,
        MonthCoveragePercent = percent is null ? 0 : 100,
        MeasuredAt = Now.AddSeconds(-20),
    };

    private static ErrorBudgetView Budget(SourceState state = SourceState.Ok, bool hasData = true) => new()
    {
        Series = "uptime",
        State = state,
        BudgetWindow = "this month",
        MonthStart = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        MonthEnd = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero),
        Note = hasData ? "Burn rates from the stored 'uptime' series." : "No uptime readings are stored for the last 30 days.",
        AllowedDowntimeMinutes = 43.2,
        DowntimeMinutes = hasData ? 21.6 : null,
        RemainingPercent = hasData ? 50 : null,
        Exhausted = hasData ? false : null,
        BurnRateWindow = "1 h",
        BurnRate = hasData ? 0.3 : null,
        HoursToExhaustion = hasData ? 1200 : null,
        Urgency = "None",
        Tiers =
        [
            new BurnTierView("Page", "1 h", "5 min", 14.4, hasData ? 0.3 : null, hasData ? 0.3 : null, false, 2),
            new BurnTierView("Page", "6 h", "30 min", 6, hasData ? 0.3 : null, hasData ? 0.3 : null, false, 5),
            new BurnTierView("Ticket", "1 d", "2 h", 3, hasData ? 0.3 : null, hasData ? 0.3 : null, false, 10),
            new BurnTierView("Ticket", "3 d", "6 h", 1, hasData ? 0.3 : null, null, false, 10),
        ],
        Windows = [],
    };

    private static BreachView Breach(bool hasData = true) => hasData
        ? new BreachView
        {
            State = SourceState.Ok,
            Note = "Disk usage: warning level 75 %; it is expected to reach it around Mar 24, 2025.",
            Metric = "disk",
            Name = "Disk usage",
            Entity = "",
            Level = "warning",
            Threshold = 75,
            Unit = "%",
            ExpectedAt = Now.AddDays(14),
        }
        : new BreachView { State = SourceState.NoData, Note = "No forecasts are stored yet; the forecast job runs every hour." };

    private static StageView Stage(decimal? spend = 1_900m, string? fit = "Within") => new()
    {
        Stage = "Growth",
        StageId = "Growth",
        Users = 2_400,
        UsersSource = "the business profile",
        StageMinUsers = 1_000,
        PrimaryStrategy = "Read replicas, CDN, queues",
        BudgetMinUsd = 800,
        BudgetMaxUsd = 3_000,
        BudgetOpenEnded = false,
        MonthlyInfraSpendUsd = spend,
        BudgetFit = fit,
        NextStage = "Scale",
        NextStageUsers = 10_000,
        UsersToNextStage = 7_600,
        NextStageEta = new CrossingView("Expected", 10_000, Now.AddDays(200), Now.AddDays(150), Now.AddDays(260), true, 200),
        EtaMessage = "Expected to reach 10,000 users around Sep 26, 2025.",
    };

    private static ScalingMistakesView Mistakes(bool found = false) => new()
    {
        State = SourceState.Partial,
        Note = "5 of 6 common mistakes could be checked.",
        Total = 6,
        Checked = 5,
        Detected = found
            ? [new MistakeView("SinglePointOfFailure", "Single point of failure", "Redundancy for DB and critical services", [new EvidenceView("ReplicaPresent", "one database, no replica")])]
            : [],
        NotChecked = [new UncheckedMistakeView("ManualDeployments", "Manual deployments", "CI/CD", ["CiCdInUse"])],
        Signals = [new SignalView("CiCdInUse", false, "unknown", "not measured")],
    };

    private static MoneyView Money(decimal mrr = 500_000m) => new()
    {
        MrrUsd = mrr,
        Priced = mrr > 0,
        OutageCostPerHourUsd = Math.Round(mrr / 730m, 2),
        DowntimeCostThisMonthUsd = Math.Round(mrr / 730m * 12.5m / 60m, 2),
        RevenueAtRiskUsd = Math.Round(mrr / 730m, 2),
        AssumedOutageMinutes = 60,
        RevenueAtRiskAssumption = "Assumes that when Disk usage reaches its warning level the service is fully down for 1 h.",
    };

    private static BusinessSummary Full(MoneyView? money = null) =>
        new(Now, Uptime(), Budget(), Breach(), Stage(), Mistakes()) { Money = money ?? Money() };

    private IRenderedComponent<OwnerSummaryCards> Render(BusinessSummary? summary, string? error = null) =>
        Render<OwnerSummaryCards>(p => p.Add(c => c.Summary, summary).Add(c => c.Error, error).Add(c => c.Now, Now));

    private static string Figure(IRenderedComponent<OwnerSummaryCards> cut, string id) =>
        cut.Find($"[data-testid=owner-{id}]").TextContent.Trim();

    [Fact]
    public void Loading_NoSummaryYet_SkeletonsNotZeros()
    {
        var cut = Render(null);

        Assert.NotNull(cut.Find("[data-testid=owner-loading]"));
        Assert.NotEmpty(cut.FindAll(".mud-skeleton"));
        Assert.DoesNotContain("$0", cut.Markup);
    }

    [Theory]
    [InlineData("None", 50, "Healthy")]
    [InlineData("Page", 90, "Burning fast: page now")]
    [InlineData("Ticket", 90, "Burning too fast: open a ticket")]
    [InlineData("None", 20, "Running low")]
    public void BudgetVerdict_AgreesWithTheBurnRate_NeverHealthyWhilePaging(string urgency, double remaining, string verdict)
    {
        var cut = Render(Full() with { ErrorBudget = Budget() with { Urgency = urgency, RemainingPercent = remaining } });

        Assert.Equal(verdict, cut.Find("[data-testid=owner-budget-verdict]").TextContent.Trim());
        Assert.Contains(urgency switch { "Page" => "Page now", "Ticket" => "Open a ticket", _ => "No alert" }, cut.Find("[data-testid=owner-burn-urgency]").TextContent);
    }

    [Fact]
    public void Error_SaysWhatFailed()
    {
        var cut = Render(null, "replica unreachable");

        Assert.Contains("replica unreachable", cut.Find("[data-testid=owner-error]").TextContent);
    }

    [Fact]
    public void Everything_Known_OneFigurePerCardWithUnitsAndWords()
    {
        var cut = Render(Full());

        Assert.Equal("$685/h", cut.Find("[data-testid=figure-outage-cost]").TextContent.Trim());
        Assert.Equal("$143", Figure(cut, "downtime-cost"));
        Assert.Equal("$685", Figure(cut, "revenue-at-risk"));
        Assert.Contains("Disk usage crosses its warning level Mar 24 (in 14 days)", Figure(cut, "revenue-at-risk-headline"));
        Assert.Contains("fully down for 1 h", cut.Find("[data-testid=owner-revenue-at-risk-detail]").TextContent);
        Assert.Equal("99.95 %", Figure(cut, "uptime"));
        Assert.Contains("Meets the 99.9 % SLO", cut.Find("[data-testid=owner-uptime-slo]").TextContent);
        Assert.Equal("50 %", Figure(cut, "error-budget"));
        Assert.Equal("0.3×", Figure(cut, "burn-rate"));
        Assert.Contains("No alert", cut.Find("[data-testid=owner-burn-urgency]").TextContent);
        Assert.Equal(4, cut.FindAll("[data-testid=owner-burn-tier]").Count);
        Assert.Equal("Growth", Figure(cut, "stage"));
        Assert.Equal("$1,900/mo", Figure(cut, "budget-fit"));
        Assert.Contains("Within budget", cut.Find("[data-testid=owner-budget-fit-verdict]").TextContent);
        Assert.Contains("$800 – $3,000/mo", cut.Markup);
        Assert.Equal("None of 5 checked", Figure(cut, "mistakes"));
        Assert.Contains("Manual deployments (needs: CI/CD)", cut.Find("[data-testid=owner-mistakes-unchecked]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=profile-empty]"));
        // The figures' own time, so a reader can match them to the API's summary.
        Assert.Equal("2025-03-10T11:59:40.0000000+00:00", cut.Find("[data-testid=owner-summary]").GetAttribute("data-measured-at"));
    }

    [Fact]
    public void UptimeTrend_ThisWeekAgainstLast_ArrowAndWords()
    {
        var cut = Render(Full());

        var trend = cut.Find("[data-testid=owner-uptime-trend]");
        Assert.Equal("Up", trend.GetAttribute("data-trend"));
        Assert.Contains("This week 99.97 %, up from 99.91 % last week", trend.TextContent);
    }

    [Fact]
    public void NoData_EverySourceEmpty_SaysSoWithoutFigures()
    {
        var summary = new BusinessSummary(Now,
            Uptime(SourceState.NoData, "No uptime readings are stored for the last 30 days.", percent: null),
            Budget(SourceState.NoData, hasData: false), Breach(hasData: false), Stage(spend: null, fit: null), Mistakes())
        { Money = Money() with { DowntimeCostThisMonthUsd = null, RevenueAtRiskUsd = null } };

        var cut = Render(summary);

        Assert.Equal("no data", Figure(cut, "uptime"));
        Assert.Equal("NoData", cut.Find("[data-card=uptime]").GetAttribute("data-state"));
        Assert.Contains("No data", cut.Find("[data-testid=owner-uptime-state]").TextContent);
        Assert.Contains("No uptime readings are stored", cut.Find("[data-testid=owner-uptime-state]").TextContent);
        Assert.Equal("no data", Figure(cut, "error-budget"));
        Assert.Equal("unknown", Figure(cut, "burn-rate"));
        Assert.Equal("Unknown", Figure(cut, "downtime-cost"));
        Assert.Equal("None forecast", Figure(cut, "revenue-at-risk"));
        Assert.Contains("No forecasts are stored yet", cut.Find("[data-testid=owner-revenue-at-risk-state]").TextContent);
        Assert.Equal("Not set", Figure(cut, "budget-fit"));
        Assert.Contains("/settings", cut.Find("[data-card=budget-fit]").InnerHtml);
        Assert.Empty(cut.FindAll("[data-testid=owner-uptime-trend]"));
        Assert.DoesNotContain("0 %", Figure(cut, "uptime"));
    }

    [Fact]
    public void Stale_UptimeSource_ShowsLastValueWithStaleSinceAndReason()
    {
        const string note = "Stale since 2025-03-10 11:02:00Z: Prometheus at http://127.0.0.1:9/ unreachable: connection refused";
        var summary = Full() with { Uptime = Uptime(SourceState.Stale, note), ErrorBudget = Budget(SourceState.Stale) with { Note = note } };

        var cut = Render(summary);

        var state = cut.Find("[data-testid=owner-uptime-state]").TextContent;
        Assert.Contains("Stale", state);
        Assert.Contains("connection refused", state);
        Assert.Equal("99.95 %", Figure(cut, "uptime"));
        Assert.Equal("Stale", cut.Find("[data-card=error-budget]").GetAttribute("data-state"));
        Assert.Equal("Stale", cut.Find("[data-card=downtime-cost]").GetAttribute("data-state"));
        Assert.Equal("Ok", cut.Find("[data-card=stage]").GetAttribute("data-state"));
    }

    [Fact]
    public void ZeroMrr_MoneyNotPricedWithLinkToSettings()
    {
        var cut = Render(Full(Money(0m)));

        var empty = cut.Find("[data-testid=profile-empty]");
        Assert.Contains("MRR is not set", empty.TextContent);
        Assert.Equal("/settings", empty.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Not priced", cut.Find("[data-testid=figure-outage-cost]").TextContent.Trim());
        Assert.Equal("Not priced", Figure(cut, "downtime-cost"));
        Assert.Equal("Not priced", Figure(cut, "revenue-at-risk"));
        Assert.DoesNotContain("$0/h", cut.Markup);
        Assert.Equal("99.95 %", Figure(cut, "uptime"));
    }

    [Fact]
    public void WithoutMoney_NoMoneyCardsAtAll()
    {
        var cut = Render(Full() with { Money = null });

        Assert.Empty(cut.FindAll("[data-figure=outage-cost]"));
        Assert.Empty(cut.FindAll("[data-card=revenue-at-risk]"));
        Assert.DoesNotContain("$685", cut.Markup);
        Assert.Equal("99.95 %", Figure(cut, "uptime"));
    }

    [Fact]
    public void PageTierFiring_SaysPageNowAndMarksTheTier()
    {
        var budget = Budget() with
        {
            BurnRate = 20,
            Urgency = "Page",
            Tiers = [new BurnTierView("Page", "1 h", "5 min", 14.4, 20, 30, true, 2)],
        };

        var cut = Render(Full() with { ErrorBudget = budget });

        Assert.Equal("20×", Figure(cut, "burn-rate"));
        Assert.Contains("Page now", cut.Find("[data-testid=owner-burn-urgency]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=owner-burn-tier]").GetAttribute("data-firing"));
        Assert.Contains("firing", cut.Find("[data-testid=owner-burn-tier]").TextContent);
    }

    [Fact]
    public void MistakeDetected_ShowsItsInsteadAndEvidence()
    {
        var cut = Render(Full() with { ScalingMistakes = Mistakes(found: true) });

        var mistake = cut.Find("[data-testid=owner-mistake]");
        Assert.Equal("1", Figure(cut, "mistakes"));
        Assert.Contains("Single point of failure.", mistake.TextContent);
        Assert.Contains("Instead: Redundancy for DB and critical services", mistake.TextContent);
        Assert.Contains("one database, no replica", mistake.TextContent);
    }

    [Fact]
    public void Mistakes_EveryOneChecked_NoneFound_SaysNone()
    {
        var all = Mistakes() with { State = SourceState.Ok, Checked = 6, NotChecked = [] };

        var cut = Render(Full() with { ScalingMistakes = all });

        Assert.Equal("None", Figure(cut, "mistakes"));
        Assert.Equal("All 6 common mistakes checked; none found", Figure(cut, "mistakes-headline"));
        Assert.Empty(cut.FindAll("[data-testid=owner-mistakes-unchecked]"));
    }

    [Fact]
    public void Mistakes_SomeNotChecked_NoneFound_SaysHowManyWereCheckedNotNone()
    {
        var partial = Mistakes() with
        {
            Checked = 1,
            NotChecked = [.. Enumerable.Range(0, 5).Select(i => new UncheckedMistakeView($"M{i}", $"Mistake {i}", "Instead", ["CiCdInUse"]))],
        };

        var cut = Render(Full() with { ScalingMistakes = partial });

        Assert.Equal("None of 1 checked", Figure(cut, "mistakes"));
        Assert.Equal("1 of 6 common mistakes checked, none of them found; 5 of 6 not checked (a signal they need is unknown)", Figure(cut, "mistakes-headline"));
        Assert.Equal(5, cut.FindAll("[data-testid=owner-mistakes-unchecked] [data-mistake]").Count);
    }

    [Fact]
    public void Mistakes_NoneCouldBeChecked_SaysNotChecked()
    {
        var cut = Render(Full() with { ScalingMistakes = Mistakes() with { Checked = 0 } });

        Assert.Equal("Not checked", Figure(cut, "mistakes"));
        Assert.StartsWith("None of the 6 common mistakes could be checked", Figure(cut, "mistakes-headline"));
    }
}
