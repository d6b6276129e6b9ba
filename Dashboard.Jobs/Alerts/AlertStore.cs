using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Sources.Alertmanager;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Alerts;

/// <summary>
/// Keeps the alerts table on the primary, where every web instance and a restarted worker read the
/// same state: each ingest pass's readings (<see cref="GaugeAlerts"/>) and each read of Alertmanager
/// (<see cref="AlertmanagerAlerts"/>) are applied in one transaction under an advisory lock, so two
/// passes (the recurring job and an on-demand run, or two workers) never evaluate the same alert at once.
/// Resolved and inactive rows older than <see cref="PruneAfter"/> are deleted on the way.
/// </summary>
public sealed class AlertStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    /// <summary>How long an ended alert's row is kept (triage shows resolved alerts for 24 h).</summary>
    public static readonly TimeSpan PruneAfter = TimeSpan.FromDays(7);

    // pg_advisory_xact_lock key: "alerts" in ASCII.
    private const long LockKey = 0x616c65727473;

    /// <summary>Evaluates the dashboard's alerts against one pass's readings and the thresholds in force.</summary>
    public Task EvaluateAsync(IReadOnlyList<SeriesReading> readings, IReadOnlyList<MetricSettingRow> metrics, CancellationToken cancellationToken) =>
        UpdateAsync(AlertRow.DashboardSource, rows => GaugeAlerts.Apply(rows, readings, metrics, time), cancellationToken);

    /// <summary>Stores Alertmanager's active alerts (new ones added, missing ones resolved).</summary>
    public Task SyncAlertmanagerAsync(IReadOnlyList<AlertmanagerAlert> active, CancellationToken cancellationToken) =>
        UpdateAsync(AlertRow.AlertmanagerSource, rows => AlertmanagerAlerts.Apply(rows, active, time.GetUtcNow()), cancellationToken);

    /// <summary>Alertmanager could not be read: its open alerts stay as they were, marked stale with the error.</summary>
    public Task HoldAlertmanagerStaleAsync(DateTimeOffset staleSince, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(AlertRow.AlertmanagerSource, rows =>
        {
            AlertmanagerAlerts.HoldStale(rows, staleSince, reason, time.GetUtcNow());
            return [];
        }, cancellationToken);

    private async Task UpdateAsync(string source, Func<IReadOnlyList<AlertRow>, IReadOnlyList<AlertRow>> apply, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        var rows = await db.Alerts.Where(a => a.Source == source).ToListAsync(cancellationToken);
        db.Alerts.AddRange(apply(rows));
        var now = time.GetUtcNow();
        db.Alerts.RemoveRange(rows.Where(r => !r.IsOpen && !(r.SilencedUntil > now) && (r.ResolvedAt ?? r.LastEvaluatedAt ?? r.UpdatedAt) < now - PruneAfter));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
