using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Jobs.Storage;

/// <summary>Which table a history read comes from.</summary>
public enum HistoryResolution
{
    /// <summary>Chosen from the range: raw up to 6 hours, 5-minute up to 7 days, hourly beyond.</summary>
    Auto,
    Raw,
    FiveMinutes,
    OneHour,
}

/// <summary>
/// One point of a history: raw points have Min = Max = Avg = the value and Count 1. Rollup
/// points aggregate the finite raw values of their bucket, which starts at <see cref="Time"/>.
/// </summary>
public readonly record struct HistoryPoint(DateTimeOffset Time, double Avg, double Min, double Max, long Count);

/// <summary>The points of one series in a range, oldest first.</summary>
public sealed record SeriesHistory(string Metric, string Entity, HistoryResolution Resolution, IReadOnlyList<HistoryPoint> Points);

/// <summary>
/// Reads the long history forecasting and the UI use, from the read replica (the primary when no
/// standby answers). Series are matched on metric and, when given, entity.
/// </summary>
public sealed class ObservationHistory(
    IDbContextFactory<ReadDbContext> contexts,
    IOptionsMonitor<StorageRetentionOptions> options,
    TimeProvider time)
{
    public static readonly TimeSpan RawUpTo = TimeSpan.FromHours(6);
    public static readonly TimeSpan FiveMinutesUpTo = TimeSpan.FromDays(7);

    /// <summary>
    /// The resolution for a range: the finest that keeps a series at a few thousand points, and never
    /// raw for a range that starts before raw retention (those partitions are gone; rollups remain).
    /// </summary>
    public static HistoryResolution Choose(DateTimeOffset from, DateTimeOffset to, DateTimeOffset oldestRaw)
    {
        var span = to - from;
        if (span <= RawUpTo && from >= oldestRaw)
        {
            return HistoryResolution.Raw;
        }
        return span <= FiveMinutesUpTo ? HistoryResolution.FiveMinutes : HistoryResolution.OneHour;
    }

    /// <summary>Points in [from, to) of every series of the metric (or only the given entity).</summary>
    public async Task<IReadOnlyList<SeriesHistory>> GetAsync(
        string metric, string? entity, DateTimeOffset from, DateTimeOffset to,
        HistoryResolution resolution = HistoryResolution.Auto, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        if (to <= from)
        {
            throw new ArgumentException($"The range must end after it starts (from {from:O}, to {to:O}).", nameof(to));
        }
        if (resolution == HistoryResolution.Auto)
        {
            var oldestRaw = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date.AddDays(-options.CurrentValue.RetentionDays), TimeSpan.Zero);
            resolution = Choose(from, to, oldestRaw);
        }
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var series = await db.Series
            .Where(s => s.Metric == metric && (entity == null || s.Entity == entity))
            .OrderBy(s => s.Entity)
            .ToListAsync(cancellationToken);
        if (series.Count == 0)
        {
            return [];
        }
        var ids = series.Select(s => s.Id).ToList();

        var points = resolution switch
        {
            HistoryResolution.Raw => await db.Observations
                .Where(o => ids.Contains(o.SeriesId) && o.Ts >= from && o.Ts < to)
                .OrderBy(o => o.SeriesId).ThenBy(o => o.Ts)
                .Select(o => new { o.SeriesId, Point = new HistoryPoint(o.Ts, o.Value, o.Value, o.Value, 1) })
                .ToListAsync(cancellationToken),
            _ => await Rollups(db, resolution)
                .Where(r => ids.Contains(r.SeriesId) && r.Bucket >= from && r.Bucket < to)
                .OrderBy(r => r.SeriesId).ThenBy(r => r.Bucket)
                .Select(r => new { r.SeriesId, Point = new HistoryPoint(r.Bucket, r.Avg, r.Min, r.Max, r.Count) })
                .ToListAsync(cancellationToken),
        };
        var bySeries = points.GroupBy(p => p.SeriesId).ToDictionary(g => g.Key, g => (IReadOnlyList<HistoryPoint>)[.. g.Select(p => p.Point)]);
        return [.. series.Select(s => new SeriesHistory(s.Metric, s.Entity, resolution, bySeries.GetValueOrDefault(s.Id, [])))];
    }

    private static IQueryable<RollupRow> Rollups(ReadDbContext db, HistoryResolution resolution) => resolution switch
    {
        HistoryResolution.FiveMinutes => db.Rollups5m,
        HistoryResolution.OneHour => db.Rollups1h,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "not a rollup resolution"),
    };
}
