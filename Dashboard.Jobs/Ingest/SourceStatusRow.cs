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

    public bool IsStale => StaleSince is not null;
}
