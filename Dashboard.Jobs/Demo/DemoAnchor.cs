using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Demo;

/// <summary>
/// Where the demo's generated past ends and its live present begins, kept in the data itself: the
/// first stored point of the demo host's CPU series plus the history span. A demo restarted days later
/// continues the same signals (growth, disk filling up) from that anchor rather than starting over.
/// </summary>
public static class DemoAnchor
{
    /// <summary>How much history the demo generates before its anchor.</summary>
    public static readonly TimeSpan HistorySpan = TimeSpan.FromDays(90);

    /// <summary>A fresh demo's anchor: the start of the current minute, so history points fall on whole minutes.</summary>
    public static DateTimeOffset Fresh(DateTimeOffset now) => new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    /// <summary>The anchor of the demo history already stored, or null when there is none.</summary>
    public static async Task<DateTimeOffset?> StoredAsync(IDbContextFactory<DashboardDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = DemoFleet.EntityOf(MetricIds.Cpu).Text;
        var series = await db.Series.Where(s => s.Metric == MetricIds.Cpu && s.Entity == entity).Select(s => (long?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (series is not { } id)
        {
            return null;
        }
        var first = await db.Observations.Where(o => o.SeriesId == id).OrderBy(o => o.Ts).Select(o => (DateTimeOffset?)o.Ts).FirstOrDefaultAsync(cancellationToken);
        return first + HistorySpan;
    }
}
