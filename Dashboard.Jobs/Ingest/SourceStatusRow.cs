namespace Dashboard.Jobs.Ingest;

/// <summary>
/// The health of one telemetry source as ingestion last saw it. A failing source is "stale
/// since" its last success, with the source's own error text; it never produces zeros.
/// </summary>
public sealed class SourceStatusRow
{
    /// <summary>e.g. "prometheus", "prometheus:cpu" (one expression), "postgres:primary".</summary>
    public required string Source { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? StaleSince { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// The ingest watermark: the latest grid time whose pass is stored. The next pass backfills every grid step
    /// after it (up to Ingest:MaxBackfill), whatever stopped ingest meanwhile (docs/decisions/028).
    /// </summary>
    public DateTimeOffset? IngestedThrough { get; set; }

    /// <summary>The last gap found: when it was backfilled, how much, at what step, and how much was older than the limit.</summary>
    public DateTimeOffset? LastBackfillAt { get; set; }
    public double? LastBackfillSeconds { get; set; }
    public double? LastBackfillStepSeconds { get; set; }
    public double? LastBackfillSkippedSeconds { get; set; }

    public bool IsStale => StaleSince is not null;
}
