using Dashboard.Domain.Advice;
using Dashboard.Health;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Postgres;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dashboard.Services.Signals;

/// <summary>
/// The one place the deployment's signals are measured: the checklist, the owner's scaling mistakes
/// and the engineer's decision path all read the <see cref="SignalsSnapshot"/> made here, so they
/// say the same thing. Monitoring from the sources' status (primary, never cached); replica and
/// partitioning from the latest PostgreSQL statistics of every monitored database (postgres_snapshots,
/// shared by every instance); the cache from the Redis dependency check; background jobs from the
/// stored readings (decision 017). Signals nothing here measures (CI/CD, pooler, sharding, Kubernetes, app instances,
/// users) are unknown with the reason; the owner's users are added by the caller.
/// </summary>
public sealed class SignalsSnapshotService(
    SourceStatusTracker sources,
    PostgresSnapshotStore store,
    Dashboard.Jobs.Readings.ReadingService readings,
    DependencyStatus dependencies,
    IOptionsMonitor<PrometheusOptions> prometheus,
    IOptionsMonitor<IngestOptions> ingest,
    IOptions<StorageOptions> storage,
    IServiceProvider services,
    TimeProvider time)
{
    public const string CiCdUnknown = "no deployment pipeline is connected to this dashboard";
    public const string PoolerUnknown = "a pooler such as PgBouncer is not visible in PostgreSQL statistics";
    public const string ShardingUnknown = "whether data is split across databases is not visible from one database's statistics";
    public const string KubernetesUnknown = "no orchestrator is connected to this dashboard";
    public const string AppInstancesUnknown = "the number of application instances is not read from any source";
    public const string UsersUnknown = "no users figure was given";

    /// <summary>The signals now, from the stored statistics snapshots and the sources' status.</summary>
    public async Task<SignalsSnapshot> ReadAsync(CancellationToken cancellationToken) =>
        From(await store.GetAllAsync(cancellationToken), await sources.GetAllAsync(cancellationToken), await readings.GetGaugesAsync(cancellationToken));

    /// <summary>The signals from statistics snapshots, source status and the stored readings the caller has already read (one read for all).</summary>
    public SignalsSnapshot From(IReadOnlyDictionary<string, PostgresStatsSnapshot> snapshots, IReadOnlyList<SourceStatusRow> statuses, GaugeBatch? gauges)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(statuses);
        var now = time.GetUtcNow();
        var redis = dependencies.Current.FirstOrDefault(d => d.Name == "redis");
        var byName = statuses.ToDictionary(s => s.Source, StringComparer.Ordinal);
        return new SignalsSnapshot
        {
            TakenAt = now,
            Monitoring = SignalEvidence.Monitoring(statuses, !string.IsNullOrWhiteSpace(prometheus.CurrentValue.Url), now),
            CiCd = SignalFact.Unknown<bool>(CiCdUnknown),
            ConnectionPooler = SignalFact.Unknown<bool>(PoolerUnknown),
            Cache = SignalEvidence.Cache(services.GetService<IConnectionMultiplexer>() is not null, redis?.Status.ToString(), redis?.Description, redis?.CheckedAt),
            BackgroundJobs = SignalEvidence.BackgroundJobs(gauges),
            Sharding = SignalFact.Unknown<bool>(ShardingUnknown),
            Kubernetes = SignalFact.Unknown<bool>(KubernetesUnknown),
            AppInstances = SignalFact.Unknown<int>(AppInstancesUnknown),
            ActiveUsers = SignalFact.Unknown<long>(UsersUnknown),
            Databases = [.. PostgresStatsJob.Targets(ingest.CurrentValue, storage.Value).Keys
                .Order(StringComparer.Ordinal)
                .Select(name => SignalEvidence.Database(name, snapshots.GetValueOrDefault(name), byName.GetValueOrDefault("postgres:" + name)))],
        };
    }
}
