using Dashboard.Jobs.Alerts;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Sources.Alertmanager;
using Hangfire;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Every 15 s when Alertmanager:Url is set: reads Alertmanager's active alerts into the alerts table,
/// where triage merges them with the dashboard's own. Alertmanager unreachable or answering nonsense:
/// the source "alertmanager" is stale since its last success with Alertmanager's own error, and its
/// alerts are held as last seen (marked stale), never dropped.
/// </summary>
public sealed class AlertmanagerSyncJob(AlertmanagerClient alertmanager, AlertStore alerts, SourceStatusTracker status, JobRunRecorder recorder, TimeProvider time)
{
    public const string Id = "alerts-alertmanager";
    public const string Cron = "*/15 * * * * *";
    public const string Source = "alertmanager";

    [OneAtATime(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)] // the next read is 15 s away
    public Task RunAsync(CancellationToken cancellationToken) =>
        alertmanager.IsConfigured ? recorder.RunAsync(Id, SyncAsync, cancellationToken) : Task.CompletedTask;

    /// <summary>One read of Alertmanager; a failure is recorded, not thrown (the job itself worked).</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AlertmanagerAlert> active;
        try
        {
            active = await alertmanager.GetActiveAlertsAsync(cancellationToken);
        }
        catch (AlertmanagerException ex)
        {
            await status.RecordFailureAsync(Source, ex.Message, cancellationToken);
            var since = (await status.GetAsync(Source, cancellationToken))?.StaleSince;
            await alerts.HoldAlertmanagerStaleAsync(since ?? time.GetUtcNow(), ex.Message, cancellationToken);
            return;
        }
        await alerts.SyncAlertmanagerAsync(active, cancellationToken);
        await status.RecordSuccessAsync(Source, cancellationToken);
    }
}
