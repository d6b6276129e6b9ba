using Dashboard.Domain.Values;
using Dashboard.Jobs.Storage;

namespace Dashboard.Services.Designer;

/// <summary>Whether a route keeps its performance budget right now.</summary>
public enum BudgetVerdict
{
    /// <summary>Failing: p50 or p99 is past its budget.</summary>
    Fail,

    /// <summary>The last reading is too old to judge ("stale since T").</summary>
    Stale,

    /// <summary>Within budget.</summary>
    Pass,

    /// <summary>Nothing measured (no requests, or the series does not exist).</summary>
    NoData,
}

/// <summary>The performance budget: the catalog's latency warning levels in force (metric_settings).</summary>
/// <param name="P50">p50 threshold; its warning level is the budget.</param>
/// <param name="P99">p99 threshold; its warning level is the budget.</param>
public sealed record LatencyBudget(Threshold P50, Threshold P99)
{
    public double P50Ms => P50.Warning;

    public double P99Ms => P99.Warning;
}

/// <summary>One route's (or all traffic's) latency: trends over the range and the budget verdict now.</summary>
public sealed record RouteLatency
{
    /// <summary>The route as people read it ("/checkout"), or "all pages".</summary>
    public required string Route { get; init; }
    /// <summary>The stored series' entity (label set); empty for all traffic.</summary>
    public required string Entity { get; init; }
    public required IReadOnlyList<(DateTimeOffset At, double Value)> P50 { get; init; }
    public required IReadOnlyList<(DateTimeOffset At, double Value)> P99 { get; init; }
    public double? P50Now { get; init; }
    public double? P99Now { get; init; }
    public DateTimeOffset? SampledAt { get; init; }
    public required BudgetVerdict Verdict { get; init; }
    /// <summary>The verdict in words: which percentile is over which budget, or why there is no verdict.</summary>
    public required string Summary { get; init; }
}

/// <summary>Page latency for the designer view: all traffic, each route, against the budget.</summary>
public sealed record LatencyReport
{
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required HistoryResolution Resolution { get; init; }
    public required LatencyBudget Budget { get; init; }
    public required RouteLatency Overall { get; init; }
    public required IReadOnlyList<RouteLatency> Routes { get; init; }
    /// <summary>The oldest stored per-route point in the range; per-route history starts when its ingestion began.</summary>
    public DateTimeOffset? RoutesSince { get; init; }
    /// <summary>Why latency cannot be read now ("Prometheus stale since 14:02 · connection refused"), if it cannot.</summary>
    public string? SourceProblem { get; init; }
}

/// <summary>How far the conversion estimate got.</summary>
public enum ConversionState
{
    /// <summary>No baseline latency in the business profile.</summary>
    NoBaseline,

    /// <summary>No current p50 latency.</summary>
    NoData,

    /// <summary>The estimate uses the last p50 before its source went stale.</summary>
    Stale,

    /// <summary>The estimate uses the current p50.</summary>
    Measured,
}

/// <summary>
/// The conversion cost of the current p50 latency against the baseline (Domain <c>ConversionImpact</c>):
/// the percentage for everyone; money only for owners with a revenue per conversion set.
/// </summary>
public sealed record ConversionView
{
    /// <summary>Money figures are given per this many conversions (the demo knows no conversion counts).</summary>
    public const int PerConversions = 1_000;

    public required ConversionState State { get; init; }
    public int? BaselineMs { get; init; }
    public double? ObservedMs { get; init; }
    public DateTimeOffset? ObservedAt { get; init; }
    public double? ExtraMs { get; init; }
    public double? LostPercent { get; init; }
    /// <summary>Conversions lost for every <see cref="PerConversions"/> made at the current latency.</summary>
    public double? LostConversions { get; init; }
    /// <summary>Revenue lost for every <see cref="PerConversions"/> conversions; owners only, null for everyone else.</summary>
    public decimal? LostRevenue { get; init; }
    /// <summary>Whether the viewer may see money (owner); false means money is absent, not zero.</summary>
    public required bool IncludesRevenue { get; init; }
    /// <summary>For owners: why no money figure is shown (revenue per conversion not set or zero).</summary>
    public string? RevenueNote { get; init; }
    public string? StaleReason { get; init; }
}
