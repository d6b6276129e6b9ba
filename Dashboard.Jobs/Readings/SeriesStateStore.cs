using Dashboard.Jobs.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Readings;

/// <summary>
/// Keeps <c>series_state</c> on the primary: one row per series shown as a gauge, replaced by each ingest
/// pass in one transaction under an advisory lock, so two workers (or the recurring job and an on-demand
/// run) take turns, each continuing from what the other stored, and a restarted process continues from
/// the table rather than from memory. Readers see the previous pass or this one, never a mix.
/// </summary>
public sealed class SeriesStateStore(IDbContextFactory<DashboardDbContext> contexts, ReadingService readingService)
{
    // pg_advisory_xact_lock key: "readings" in ASCII.
    private const long LockKey = 0x72656164696e6773;

    /// <summary>
    /// Reads the stored state, lets <paramref name="next"/> turn it into this pass's readings and stores them
    /// in its place (series no longer in the pass are dropped). Returns the stored readings, or null when a
    /// pass evaluated later than this one has already stored its state (a late pass never replaces a newer one).
    /// </summary>
    public async Task<IReadOnlyList<SeriesReading>?> RecordPassAsync(
        Func<IReadOnlyList<SeriesReading>, IReadOnlyList<SeriesReading>> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        var previous = await db.SeriesStates.AsNoTracking().ToListAsync(cancellationToken);
        // A reason names the source's URL: whatever is configured, it is clipped to the column (and the alert's) size.
        var readings = next(previous).Select(r => r.StaleReason is { Length: > SeriesReading.StaleReasonMaxLength } reason
            ? r with { StaleReason = Dashboard.Domain.Security.InputLimits.Clip(reason, SeriesReading.StaleReasonMaxLength) }
            : r).ToList();
        if (readings.Count > 0 && previous.Count > 0 && previous.Max(p => p.EvaluatedAt) > readings.Max(r => r.EvaluatedAt))
        {
            return null;
        }
        await db.SeriesStates.ExecuteDeleteAsync(cancellationToken);
        db.SeriesStates.AddRange(readings);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        readingService.Invalidate();
        return readings;
    }
}
