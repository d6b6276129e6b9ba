using Dashboard.Domain.Health;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Readings;

/// <summary>
/// "What does this series read now?", for every view and API that shows a current value (gauges, the status
/// API, forecast rows, the PM table, the what-if): the reading the last ingest pass stored in series_state on
/// the primary, never a process's memory nor a forecast's fitted points, so every page and instance gives the
/// same number with the same time. Read from the primary, never from the replica or the cache (their lag would be a second
/// truth); a burst of callers shares one read for at most <see cref="RecentReads.MaxAge"/>, and an ingest pass in this
/// process drops it at once (decision 032).
/// A reading no pass has refreshed for longer than <see cref="Freshness.StaleAfter"/> (the worker
/// stopped) is answered as Stale with its last value, never as a current one.
/// </summary>
public sealed class ReadingService(IDbContextFactory<DashboardDbContext> contexts, RecentReads recent, TimeProvider time)
{
    internal const string AllKey = "readings:all";
    internal const string MetricsKey = "readings:metrics";

    /// <summary>Every series' reading, by metric then entity.</summary>
    public async Task<IReadOnlyList<SeriesReading>> GetAllAsync(CancellationToken cancellationToken) =>
        Judge(await recent.GetAsync(AllKey, async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await StoredAsync(db.SeriesStates, ct);
        }, cancellationToken));

    /// <summary>After an ingest pass stored its readings (or the levels changed): the next caller reads the primary again.</summary>
    public void Invalidate()
    {
        recent.Invalidate(AllKey);
        recent.Invalidate(MetricsKey);
        // The forecast summaries carry each series' reading now.
        recent.Invalidate(Forecasting.ForecastRunner.SummariesKey);
    }

    /// <summary>The readings of every series of one metric, by entity.</summary>
    public async Task<IReadOnlyList<SeriesReading>> GetMetricAsync(string metric, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db.SeriesStates.Where(s => s.Metric == metric), cancellationToken);
    }

    /// <summary>One series' reading; null when no pass has stored it.</summary>
    public async Task<SeriesReading?> GetAsync(string metric, string entity, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ReadAsync(db.SeriesStates.Where(s => s.Metric == metric && s.Entity == entity), cancellationToken)).SingleOrDefault();
    }

    /// <summary>The readings as gauges (names, units and the levels in force); null before the first ingest pass.</summary>
    public async Task<GaugeBatch?> GetGaugesAsync(CancellationToken cancellationToken)
    {
        var readings = await GetAllAsync(cancellationToken);
        if (readings.Count == 0)
        {
            return null;
        }
        var metrics = await recent.GetAsync(MetricsKey, async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.MetricSettings.AsNoTracking().OrderBy(m => m.Category).ThenBy(m => m.MetricId).ToListAsync(ct);
        }, cancellationToken);
        return GaugeSnapshotBuilder.Display(readings.Max(r => r.EvaluatedAt), metrics, readings);
    }

    /// <summary>The stored readings of <paramref name="query"/>, by metric then entity; a fresh one no pass has refreshed
    /// within <see cref="Freshness.StaleAfter"/> is answered as Stale with its last value.</summary>
    private async Task<List<SeriesReading>> ReadAsync(IQueryable<SeriesReading> query, CancellationToken cancellationToken) =>
        Judge(await StoredAsync(query, cancellationToken));

    private static Task<List<SeriesReading>> StoredAsync(IQueryable<SeriesReading> query, CancellationToken cancellationToken) =>
        query.AsNoTracking().OrderBy(s => s.Metric).ThenBy(s => s.Entity).ToListAsync(cancellationToken);

    /// <summary>The stored readings as of now: a copy, so a shared read is never changed.</summary>
    private List<SeriesReading> Judge(List<SeriesReading> stored)
    {
        var readings = new List<SeriesReading>(stored);
        var now = time.GetUtcNow();
        for (var i = 0; i < readings.Count; i++)
        {
            if (readings[i] is { IsFresh: true, SampledAt: { } at } fresh && !Freshness.IsRecent(at, now))
            {
                readings[i] = fresh with
                {
                    Status = HealthStatus.Stale,
                    Since = at + Freshness.StaleAfter,
                    StaleReason = $"no ingest pass has read it since {at:HH:mm:ss} UTC",
                };
            }
        }
        return readings;
    }
}
