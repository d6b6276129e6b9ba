using Dashboard.Domain.Health;

namespace Dashboard.Jobs.Readings;

/// <summary>
/// What one series (catalog metric + entity, the identity the observation store uses) reads now, as the
/// last ingest pass on the primary stored it in <c>series_state</c>: the value and when it was sampled, its
/// status against the thresholds in force, since when it has had that status, the last good value, and
/// why it is stale. Every view and API that shows a current value reads this (docs/decisions/017).
/// </summary>
public sealed record SeriesReading
{
    public required string Metric { get; init; }

    /// <summary>Canonical label set, e.g. <c>instance="db1:9187"</c>; empty for none.</summary>
    public required string Entity { get; init; }

    /// <summary>The value; null when there is none (NoData, or never read). A stale reading keeps its last value for context.</summary>
    public double? Value { get; init; }

    /// <summary>When <see cref="Value"/> was measured.</summary>
    public DateTimeOffset? SampledAt { get; init; }

    public required HealthStatus Status { get; init; }

    /// <summary>Since when the series has had <see cref="Status"/> (for Stale: since when its source is stale).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The last value that was fresh (Ok, Warning or Critical), and when it was measured.</summary>
    public double? LastGoodValue { get; init; }

    public DateTimeOffset? LastGoodAt { get; init; }

    /// <summary>The source's own error while stale ("Prometheus at ... unreachable: connection refused").</summary>
    public string? StaleReason { get; init; }

    /// <summary>The column's size: a longer reason (an error naming a long URL) is clipped when stored, never an overflow.</summary>
    public const int StaleReasonMaxLength = 1000;

    /// <summary>When the ingest pass that wrote this reading judged it.</summary>
    public DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>A value read in time and judged against the thresholds: something alerts and projections may use.</summary>
    public bool IsFresh => Freshness.IsFresh(Status, Value is not null);
}
