using Dashboard.Domain.Business;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Services.Forecasts;

namespace Dashboard.Services.Reports;

/// <summary>
/// Everything a capacity report shows, gathered once; the document only lays it out. Money (the owner's
/// revenue figures) is always null in a PM report: it is never read for one.
/// </summary>
public sealed record CapacityReport(
    ReportAudience Audience,
    string RequestedBy,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ForecastSummary> Ranked,
    IReadOnlyList<ForecastSummary> Waiting,
    IReadOnlyList<ForecastDetail> Charts,
    StageEta? Stage,
    ReportWhatIf WhatIf,
    ReportSaturation Saturation,
    ReportMoney? Money)
{
    /// <summary>The first ranked series that is heading for (or past) a threshold; null when none is.</summary>
    public ForecastSummary? FirstToRunOut => Ranked.FirstOrDefault(s => s.FirstBreach(GeneratedAt) is not null);
}

/// <summary>"What breaks at 3x / 10x", or why it could not be projected.</summary>
public sealed record ReportWhatIf(WhatIfView? At3, WhatIfView? At10, string? Error);

/// <summary>
/// How full each saturation resource is now: from the live gauges (FromLiveFeed) or else the last stored
/// values, as of the live batch's time or the forecast run's.
/// </summary>
public sealed record ReportSaturation(IReadOnlyList<SaturationLine> Lines, bool FromLiveFeed, DateTimeOffset? AsOf);

/// <summary>One resource's worst current reading, judged against its thresholds.</summary>
public sealed record SaturationLine(
    string MetricId, string Name, string Entity, string Unit, double? Value, HealthStatus Status, double Warning, double Critical,
    DateTimeOffset? At, string? StaleReason);

/// <summary>
/// The owner's money figures, all computed by Dashboard.Domain (OutageCost, Slo, StageAssessment).
/// ObservedUptime is the average over (up to) the last 30 days of stored history, measured over
/// UptimeMeasuredOver (null and zero without any);
/// RevenueAtRisk is MRR x (1 - observed uptime), what that uptime costs in an average month;
/// SloDowntimeCost is what the downtime the SLO allows would cost in a month.
/// </summary>
public sealed record ReportMoney(
    Money Mrr,
    Money OutageCostPerHour,
    Slo Slo,
    Money SloDowntimeCost,
    Percent? ObservedUptime,
    TimeSpan UptimeMeasuredOver,
    Money? RevenueAtRisk,
    Money MonthlyInfraSpend,
    StageAssessment StageBudget);
