namespace Dashboard.Jobs.Ingest;

/// <summary>
/// The time grid ingest stores on (every 15 s, from the Unix epoch): live passes evaluate at the grid time of their
/// run and backfills at grid times, so a point has one timestamp whoever wrote it and the store's (series, ts) key
/// makes reruns and overlaps no-ops (no near-duplicates at a gap's edges; docs/decisions/028).
/// </summary>
public static class IngestGrid
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    public static DateTimeOffset Floor(DateTimeOffset t, TimeSpan step) =>
        new(t.UtcTicks - t.UtcTicks % step.Ticks, TimeSpan.Zero);

    public static DateTimeOffset Ceiling(DateTimeOffset t, TimeSpan step) =>
        Floor(t, step) is var floor && floor < t ? floor + step : floor;
}

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
