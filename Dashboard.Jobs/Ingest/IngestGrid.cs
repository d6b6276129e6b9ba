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
