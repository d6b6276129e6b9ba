using System.Text.Json.Serialization;
using Dashboard.Services.Forecasts;

namespace Dashboard.Services;

/// <summary>How much a card can be trusted: its source's state, said in words beside the figure.</summary>
public enum SourceState
{
    /// <summary>Fresh and complete.</summary>
    Ok,

    /// <summary>Some of what the card needs is known, some is not (the card says which).</summary>
    Partial,

    /// <summary>The source stopped answering; the last known figure is shown with "stale since".</summary>
    Stale,

    /// <summary>Nothing is stored yet: no figure, and what to configure.</summary>
    NoData,
}

/// <summary>
/// The owner view and <c>GET /api/v1/business/summary</c>. Revenue-derived figures live in
/// <see cref="Money"/> only, which is filled for owners and left out of the JSON for everyone
/// else (absent, not null). Infrastructure spend is a cost, not revenue, and is shown to every
/// role, as the business profile does.
/// </summary>
public sealed record BusinessSummary(
    DateTimeOffset ComputedAt,
    UptimeView Uptime,
    ErrorBudgetView ErrorBudget,
    BreachView FirstBreach,
    StageView Stage,
    ScalingMistakesView ScalingMistakes)
{
    /// <summary>Whether <see cref="Money"/> is included (owners only).</summary>
    public bool IncludesMoney => Money is not null;

    /// <summary>Revenue-derived figures, owners only; never serialised for other roles.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MoneyView? Money { get; init; }
}

/// <summary>
/// What <c>GET /api/v1/business/summary</c> gives a designer (decision 027): what users feel, not how
/// the infrastructure fares. The first breach is of a figure designers see, without its host.
/// </summary>
public sealed record DesignerBusinessSummary(
    DateTimeOffset ComputedAt,
    UptimeView Uptime,
    ErrorBudgetView ErrorBudget,
    BreachView FirstBreach);

/// <summary>Uptime over the SLO window from the stored <c>uptime</c> series, this week against last, and this month's downtime.</summary>
public sealed record UptimeView
{
    /// <summary>The stored series the figures come from (metric id).</summary>
    public required string Series { get; init; }
    /// <summary>What the availability SLI counts: "requests" (non-5xx / all), "probes" or "up" (the last fallback); null without readings.</summary>
    public string? SliSource { get; init; }
    public required SourceState State { get; init; }
    public required string Note { get; init; }
    public required double SloTargetPercent { get; init; }
    public required int WindowDays { get; init; }
    /// <summary>Time-weighted uptime over the last <see cref="WindowDays"/> days; null without readings.</summary>
    public double? UptimePercent { get; init; }
    /// <summary>Whether <see cref="UptimePercent"/> meets the SLO target; null without readings.</summary>
    public bool? MeetsSlo { get; init; }
    /// <summary>Share of the window the readings cover, percent.</summary>
    public required double CoveragePercent { get; init; }
    public double? ThisWeekPercent { get; init; }
    public double? LastWeekPercent { get; init; }
    /// <summary>This week against last week; null when either week has no readings.</summary>
    public Domain.Business.ChangeDirection? Trend { get; init; }
    /// <summary>Start of this calendar month (UTC).</summary>
    public required DateTimeOffset MonthStart { get; init; }
    /// <summary>Downtime this month as the readings show it (covered time only); null without readings.</summary>
    public double? DowntimeThisMonthMinutes { get; init; }
    /// <summary>Share of the month so far the readings cover, percent.</summary>
    public required double MonthCoveragePercent { get; init; }
    public DateTimeOffset? LatestReadingAt { get; init; }
    /// <summary>
    /// When the uptime, error-budget and downtime-cost figures were measured: the availability is read
    /// once and shared by every summary for up to the cache lifetime, so this can be older than ComputedAt.
    /// </summary>
    public required DateTimeOffset MeasuredAt { get; init; }
    public DateTimeOffset? StaleSince { get; init; }
    /// <summary>The source's own error while stale.</summary>
    public string? StaleReason { get; init; }
}

/// <summary>This month's error budget left and how fast it burns, per multi-window tier.</summary>
public sealed record ErrorBudgetView
{
    /// <summary>The stored series the burn rates come from (metric id): error ratio = 1 - availability.</summary>
    public required string Series { get; init; }
    /// <summary>What the availability SLI counts ("requests", "probes", "up"); null without readings.</summary>
    public string? SliSource { get; init; }
    public required SourceState State { get; init; }
    public required string Note { get; init; }
    /// <summary>The budget's window: "this month" (the calendar month, UTC).</summary>
    public required string BudgetWindow { get; init; }
    public required DateTimeOffset MonthStart { get; init; }
    public required DateTimeOffset MonthEnd { get; init; }
    /// <summary>Downtime the SLO allows over the whole month.</summary>
    public required double AllowedDowntimeMinutes { get; init; }
    /// <summary>Downtime spent this month as measured (the same figure as the uptime card's downtime this month); null without readings.</summary>
    public double? DowntimeMinutes { get; init; }
    /// <summary>Share of the budget left, percent; negative when overspent; null without readings.</summary>
    public double? RemainingPercent { get; init; }
    public bool? Exhausted { get; init; }
    /// <summary>The window the headline burn rate is measured over.</summary>
    public required string BurnRateWindow { get; init; }
    /// <summary>Burn rate over <see cref="BurnRateWindow"/> (1 = spends the budget exactly over the SLO window); null without readings.</summary>
    public double? BurnRate { get; init; }
    /// <summary>How long the remaining budget lasts at <see cref="BurnRate"/>, hours; null when it is not burning or unknown.</summary>
    public double? HoursToExhaustion { get; init; }
    /// <summary>"Page", "Ticket" or "None".</summary>
    public required string Urgency { get; init; }
    public required IReadOnlyList<BurnTierView> Tiers { get; init; }
    public required IReadOnlyList<WindowView> Windows { get; init; }
}

/// <summary>One burn-rate tier: both windows' burn rates against its factor.</summary>
public sealed record BurnTierView(
    string Urgency, string LongWindow, string ShortWindow, double Factor, double? LongBurnRate, double? ShortBurnRate, bool Firing, double BudgetSpentWhenFiringPercent);

/// <summary>One measured window of the availability series.</summary>
public sealed record WindowView(string Window, double? UptimePercent, double CoveragePercent);

/// <summary>The soonest forecast breach (warning or critical) of any stored forecast.</summary>
public sealed record BreachView
{
    public required SourceState State { get; init; }
    public required string Note { get; init; }
    public string? Metric { get; init; }
    public string? Name { get; init; }
    public string? Entity { get; init; }
    /// <summary>"warning" or "critical".</summary>
    public string? Level { get; init; }
    public double? Threshold { get; init; }
    public string? Unit { get; init; }
    /// <summary>When the level is expected to be crossed (now when already past).</summary>
    public DateTimeOffset? ExpectedAt { get; init; }
    public DateTimeOffset? Earliest { get; init; }
    public DateTimeOffset? Latest { get; init; }
    public bool AlreadyPast { get; init; }
    public DateTimeOffset? ForecastComputedAt { get; init; }
}

/// <summary>Revenue-derived figures: owners only.</summary>
public sealed record MoneyView
{
    public required decimal MrrUsd { get; init; }
    /// <summary>False when MRR is zero (not set): nothing below is priced.</summary>
    public required bool Priced { get; init; }
    public required decimal OutageCostPerHourUsd { get; init; }
    /// <summary>This month's measured downtime priced at the hourly outage cost; null without uptime readings.</summary>
    public decimal? DowntimeCostThisMonthUsd { get; init; }
    /// <summary>Revenue at risk if the first forecast breach happens; null when no breach is forecast.</summary>
    public decimal? RevenueAtRiskUsd { get; init; }
    public required double AssumedOutageMinutes { get; init; }
    /// <summary>The assumption behind <see cref="RevenueAtRiskUsd"/>, in words.</summary>
    public required string RevenueAtRiskAssumption { get; init; }
}

/// <summary>
/// Growth stage, the way to the next one, and infrastructure spend against the stage's budget
/// (also <c>GET /api/v1/stage</c>). Spend is a cost, not revenue: every role sees it, as in the profile.
/// </summary>
public sealed record StageView
{
    public required string Stage { get; init; }
    public required string StageId { get; init; }
    public required long Users { get; init; }
    /// <summary>Where <see cref="Users"/> comes from: the stored active-users series, or the business profile.</summary>
    public required string UsersSource { get; init; }
    public required long StageMinUsers { get; init; }
    public required string PrimaryStrategy { get; init; }
    public required decimal BudgetMinUsd { get; init; }
    public required decimal BudgetMaxUsd { get; init; }
    public required bool BudgetOpenEnded { get; init; }
    /// <summary>Monthly infrastructure spend from the business profile; null when not set (zero).</summary>
    public decimal? MonthlyInfraSpendUsd { get; init; }
    /// <summary>"Under", "Within" or "Over" the stage's budget; null when spend is not set.</summary>
    public string? BudgetFit { get; init; }
    public string? NextStage { get; init; }
    public long? NextStageUsers { get; init; }
    public long? UsersToNextStage { get; init; }
    /// <summary>When users reach the next stage, from the users forecast; null without one.</summary>
    public CrossingView? NextStageEta { get; init; }
    public required string EtaMessage { get; init; }
}

/// <summary>Scaling mistakes found from the measured signals, what to do instead, and what could not be checked.</summary>
public sealed record ScalingMistakesView
{
    public required SourceState State { get; init; }
    public required string Note { get; init; }
    /// <summary>How many mistakes the table has.</summary>
    public required int Total { get; init; }
    /// <summary>How many of them the known signals settle (found or ruled out); the rest are in <see cref="NotChecked"/>.</summary>
    public required int Checked { get; init; }
    public required IReadOnlyList<MistakeView> Detected { get; init; }
    /// <summary>Mistakes of the table the known signals cannot settle, with the unknown signals.</summary>
    public required IReadOnlyList<UncheckedMistakeView> NotChecked { get; init; }
    public required IReadOnlyList<SignalView> Signals { get; init; }
}

public sealed record MistakeView(string Id, string Mistake, string Instead, IReadOnlyList<EvidenceView> Evidence);

public sealed record EvidenceView(string Signal, string Finding);

public sealed record UncheckedMistakeView(string Id, string Mistake, string Instead, IReadOnlyList<string> UnknownSignals);

/// <summary>One scaling signal of the signals snapshot: known or not, its value ("yes", "no", "unknown" or a figure), and where it came from.</summary>
public sealed record SignalView(string Signal, bool Known, string Value, string Source);
