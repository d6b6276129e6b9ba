using Dashboard.Jobs.Storage;
using Microsoft.EntityFrameworkCore;
using Prometheus;

namespace Dashboard.Jobs.Ingest;

/// <summary>
/// Records each source's successes and failures (shared through the primary, so every web
/// instance shows the same "stale since T") and says when a source has just come back, which
/// is when its gap is backfilled.
/// </summary>
public sealed class SourceStatusTracker(IDbContextFactory<DashboardDbContext> contexts, RecentReads recent, TimeProvider time)
{
    private const string AllKey = "source-status:all";

    private static readonly Gauge Stale = Metrics.CreateGauge(
        "dashboard_source_stale", "1 while a telemetry source is failing, else 0.", "source");

    /// <summary>What the tracker knew before this success: when the source last succeeded, whether it was stale, its watermark.</summary>
    public sealed record Previous(DateTimeOffset? LastSuccessAt, bool WasStale, DateTimeOffset? IngestedThrough = null);

    public async Task<Previous> RecordSuccessAsync(string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.SourceStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.Source == source, cancellationToken);
        // Upserts, because the recurring job and an on-demand run may report the same source at once.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO source_status (source, last_success_at, last_attempt_at, stale_since, last_error)
            VALUES ({source}, {now}, {now}, NULL, NULL)
            ON CONFLICT (source) DO UPDATE SET last_success_at = EXCLUDED.last_success_at,
                last_attempt_at = EXCLUDED.last_attempt_at, stale_since = NULL, last_error = NULL
            """, cancellationToken);
        recent.Invalidate(AllKey);
        Stale.WithLabels(source).Set(0);
        return new Previous(row?.LastSuccessAt, row?.IsStale ?? false, row?.IngestedThrough);
    }

    public async Task RecordFailureAsync(string source, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = error.Length <= 1000 ? error : error[..1000];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Stale since the last good data, or since now if there never was any; an ongoing outage keeps its start.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO source_status (source, last_success_at, last_attempt_at, stale_since, last_error)
            VALUES ({source}, NULL, {now}, {now}, {message})
            ON CONFLICT (source) DO UPDATE SET last_attempt_at = EXCLUDED.last_attempt_at,
                stale_since = COALESCE(source_status.stale_since, source_status.last_success_at, EXCLUDED.stale_since),
                last_error = EXCLUDED.last_error
            """, cancellationToken);
        recent.Invalidate(AllKey);
        Stale.WithLabels(source).Set(1);
    }

    /// <summary>Moves the source's watermark forward (never back: a late pass must not reopen a filled gap).</summary>
    public async Task RecordIngestedThroughAsync(string source, DateTimeOffset through, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE source_status SET ingested_through = GREATEST(ingested_through, {through}) WHERE source = {source}
            """, cancellationToken);
        recent.Invalidate(AllKey);
    }

    /// <summary>The gap just backfilled, for the sources panel ("backfilled 7 min at 15 s").</summary>
    public async Task RecordBackfillAsync(string source, GapBackfill gap, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE source_status SET last_backfill_at = {now}, last_backfill_seconds = {gap.Filled.TotalSeconds},
                last_backfill_step_seconds = {gap.Step.TotalSeconds}, last_backfill_skipped_seconds = {gap.Skipped.TotalSeconds}
            WHERE source = {source}
            """, cancellationToken);
        recent.Invalidate(AllKey);
    }

    public async Task<SourceStatusRow?> GetAsync(string source, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SourceStatuses.AsNoTracking().SingleOrDefaultAsync(s => s.Source == source, cancellationToken);
    }

    /// <summary>Every source's status from the primary; a burst of callers shares one read for at most <see cref="RecentReads.MaxAge"/>, and every record here drops it (decision 032).</summary>
    public async Task<IReadOnlyList<SourceStatusRow>> GetAllAsync(CancellationToken cancellationToken) =>
        await recent.GetAsync(AllKey, async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return (IReadOnlyList<SourceStatusRow>)await db.SourceStatuses.AsNoTracking().OrderBy(s => s.Source).ToListAsync(ct);
        }, cancellationToken);
}
