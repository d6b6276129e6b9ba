using Dashboard.Domain.Health;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Readings;

/// <summary>
/// "What does this series read now?", for every view and API that shows a current value (gauges, the status
/// API, forecast rows, the PM table, the what-if): the reading the last ingest pass stored in series_state on
/// the primary, never a process's memory nor a forecast's fitted points, so every page and instance gives the
/// same number with the same time. Read from the primary, uncached: a replica or cache lag would be a second truth.
/// A reading no pass has refreshed for longer than <see cref="GaugeSnapshotBuilder.StaleAfter"/> (the worker
/// stopped) is answered as Stale with its last value, never as a current one.
/// </summary>
public sealed class ReadingService(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    /// <summary>Every series' reading, by metric then entity.</summary>
    public async Task<IReadOnlyList<SeriesReading>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return Aged(await db.SeriesStates.AsNoTracking().OrderBy(s => s.Metric).ThenBy(s => s.Entity).ToListAsync(cancellationToken));
    }

    /// <summary>The readings of every series of one metric, by entity.</summary>
    public async Task<IReadOnlyList<SeriesReading>> GetMetricAsync(string metric, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return Aged(await db.SeriesStates.AsNoTracking().Where(s => s.Metric == metric).OrderBy(s => s.Entity).ToListAsync(cancellationToken));
    }

    /// <summary>One series' reading; null when no pass has stored it.</summary>
    public async Task<SeriesReading?> GetAsync(string metric, string entity, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.SeriesStates.AsNoTracking().SingleOrDefaultAsync(s => s.Metric == metric && s.Entity == entity, cancellationToken);
        return row is null ? null : Aged([row])[0];
    }

    /// <summary>The readings as gauges (names, units and the levels in force); null before the first ingest pass.</summary>
    public async Task<GaugeBatch?> GetGaugesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var readings = Aged(await db.SeriesStates.AsNoTracking().OrderBy(s => s.Metric).ThenBy(s => s.Entity).ToListAsync(cancellationToken));
        if (readings.Count == 0)
        {
            return null;
        }
        var metrics = await db.MetricSettings.AsNoTracking().OrderBy(m => m.Category).ThenBy(m => m.MetricId).ToListAsync(cancellationToken);
        return GaugeSnapshotBuilder.Display(readings.Max(r => r.EvaluatedAt), metrics, readings);
    }

    private List<SeriesReading> Aged(List<SeriesReading> readings)
    {
        var now = time.GetUtcNow();
        for (var i = 0; i < readings.Count; i++)
        {
            if (readings[i] is { IsFresh: true, SampledAt: { } at } fresh && now - at > GaugeSnapshotBuilder.StaleAfter)
            {
                readings[i] = fresh with
                {
                    Status = HealthStatus.Stale,
                    Since = at + GaugeSnapshotBuilder.StaleAfter,
                    StaleReason = $"no ingest pass has read it since {at:HH:mm:ss} UTC",
                };
            }
        }
        return readings;
    }
}
