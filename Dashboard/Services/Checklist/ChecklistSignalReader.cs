using Dashboard.Domain.Catalog;
using Dashboard.Health;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.Services.Checklist;

/// <summary>
/// Reads the checklist's signals from what the pipeline already holds: Prometheus' source status
/// (primary, never cached), the PostgreSQL snapshots of this instance (stored lag series when this
/// instance collected none), the Redis dependency check and the live feed's queue gauges.
/// Signals nothing here measures (CI/CD, pooler, partitioning) are "not measured".
/// </summary>
public sealed class ChecklistSignalReader(
    SourceStatusTracker sources,
    PostgresSnapshots snapshots,
    ObservationHistory history,
    Dashboard.Jobs.Readings.ReadingService gauges,
    DependencyStatus dependencies,
    IOptionsMonitor<PrometheusOptions> prometheus,
    IServiceProvider services,
    TimeProvider time)
{
    public const string ReplicationLagMetric = "pg_replication_lag_seconds";

    public async Task<ChecklistSignals> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var redis = dependencies.Current.FirstOrDefault(d => d.Name == "redis");
        var readings = new Dictionary<ChecklistSignal, SignalReading>
        {
            [ChecklistSignal.MonitoringReachable] = ChecklistEvidence.Monitoring(
                await sources.GetAsync(PrometheusIngestJob.Source, cancellationToken),
                !string.IsNullOrWhiteSpace(prometheus.CurrentValue.Url), now),
            [ChecklistSignal.CiCdInUse] = SignalReading.NotMeasured("no deployment pipeline is connected to this dashboard"),
            [ChecklistSignal.ConnectionPoolerPresent] = SignalReading.NotMeasured("a pooler such as PgBouncer is not visible in PostgreSQL statistics"),
            [ChecklistSignal.CachePresent] = ChecklistEvidence.Cache(
                services.GetService<IConnectionMultiplexer>() is not null, redis?.Status.ToString(), redis?.Description, redis?.CheckedAt),
            [ChecklistSignal.BackgroundJobsRunning] = ChecklistEvidence.BackgroundJobs(await gauges.GetGaugesAsync(cancellationToken)),
            [ChecklistSignal.ReplicaPresent] = await ReplicaAsync(now, cancellationToken),
            [ChecklistSignal.PartitioningOrSharding] = SignalReading.NotMeasured("table partitioning and sharding are not read from the databases yet"),
        };
        return ChecklistSignals.From(readings);
    }

    private async Task<SignalReading> ReplicaAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ChecklistEvidence.Replica(snapshots.All.Values) is { } fromSnapshots)
        {
            return fromSnapshots;
        }
        var stored = await history.GetAsync(ReplicationLagMetric, null, now - TimeSpan.FromMinutes(10), now.AddMinutes(1), HistoryResolution.Raw, cancellationToken);
        return ChecklistEvidence.ReplicaFromHistory(stored)
            ?? SignalReading.NotMeasured("no PostgreSQL statistics collected in the last 10 minutes");
    }
}
