using Dashboard.Domain.Health;
using Dashboard.Domain.Values;

namespace Dashboard.Jobs.Live;

/// <summary>
/// One gauge as every view and client sees it at a moment: the value (or none), its status
/// against the thresholds in force, when it was sampled, and since when it has had that status.
/// A stale gauge keeps its last value for context but says why it is stale; NoData has no value.
/// </summary>
public sealed record GaugeSnapshot
{
    public required string MetricId { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required string Entity { get; init; }
    public required string Unit { get; init; }
    public double? Value { get; init; }
    public required HealthStatus Status { get; init; }
    public DateTimeOffset? SampledAt { get; init; }
    /// <summary>Since when the gauge has had <see cref="Status"/> (or since when the source is stale).</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>The thresholds in force for the metric (direction, levels, unit, sustained-for), as one value.</summary>
    public required Threshold Threshold { get; init; }

    /// <summary>The warning level (of <see cref="Threshold"/>; kept flat in the JSON for clients).</summary>
    public double Warning => Threshold.Warning;

    /// <summary>The critical level (of <see cref="Threshold"/>).</summary>
    public double Critical => Threshold.Critical;

    /// <summary>Which side is bad (of <see cref="Threshold"/>).</summary>
    public ThresholdDirection Direction => Threshold.Direction;
    /// <summary>The source's own error while stale ("Prometheus at ... unreachable: connection refused").</summary>
    public string? StaleReason { get; init; }
}

/// <summary>One publication: every gauge of one ingest pass.</summary>
public sealed record GaugeBatch(DateTimeOffset PublishedAt, IReadOnlyList<GaugeSnapshot> Gauges);
