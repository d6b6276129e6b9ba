using Dashboard.Jobs.Ingest;

namespace Dashboard.Api.Responses;

/// <summary>One source in <c>GET /api/v1/sources</c>: "live" or "stale" since when and why, and how far ingest has come.</summary>
public sealed record SourceStatusView(
    string Source,
    string State,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? StaleSince,
    string? Error,
    DateTimeOffset? IngestedThrough,
    BackfillView? LastBackfill)
{
    public static SourceStatusView Of(SourceStatusRow row) => new(
        row.Source,
        row.IsStale ? "stale" : "live",
        row.LastSuccessAt,
        row.StaleSince,
        row.LastError,
        row.IngestedThrough,
        row.LastBackfillAt is null
            ? null
            : new BackfillView(row.LastBackfillAt, row.LastBackfillSeconds, row.LastBackfillStepSeconds, row.LastBackfillSkippedSeconds));
}

/// <summary>A source's last gap backfill: when, how many seconds, at what step, and how many were older than the limit.</summary>
public sealed record BackfillView(DateTimeOffset? At, double? Seconds, double? StepSeconds, double? SkippedSeconds);
