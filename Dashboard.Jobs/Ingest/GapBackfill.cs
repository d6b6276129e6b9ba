namespace Dashboard.Jobs.Ingest;

/// <summary>
/// The grid steps missing between the watermark (last stored pass) and this pass, the newest
/// <c>Ingest:MaxBackfill</c> of them to be read from Prometheus; <see cref="Skipped"/> is what was older than that.
/// </summary>
public sealed record GapBackfill(DateTimeOffset From, DateTimeOffset To, TimeSpan Step, TimeSpan Skipped)
{
    /// <summary>Time covered by the steps read (7 min for 28 steps of 15 s); zero when the whole gap was older than the limit.</summary>
    public TimeSpan Filled => To >= From ? To - From + Step : TimeSpan.Zero;

    /// <summary>Null when there is no gap: this pass is the watermark's next grid step (or the same one).</summary>
    public static GapBackfill? Between(DateTimeOffset watermark, DateTimeOffset pass, TimeSpan step, TimeSpan maxBackfill)
    {
        var first = IngestGrid.Floor(watermark, step) + step;
        var last = IngestGrid.Floor(pass, step) - step;
        if (last < first)
        {
            return null;
        }
        var earliest = IngestGrid.Ceiling(IngestGrid.Floor(pass, step) - maxBackfill, step);
        var from = first >= earliest ? first : earliest;
        var skipped = from > last ? last - first + step : from - first;
        return new GapBackfill(from, last, step, skipped);
    }
}
