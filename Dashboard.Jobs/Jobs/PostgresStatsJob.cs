using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Jobs.Storage;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Every minute: statistics of each monitored PostgreSQL database, kept as the latest snapshot
/// (for the database-health view) and stored as series for history and forecasts. A database
/// that cannot be reached is marked stale with the server's error; its panels that fail for
/// lack of an extension or privilege keep their own named problem.
/// </summary>
public sealed class PostgresStatsJob(
    PostgresStatsCollector collector,
    PostgresSnapshots snapshots,
    ObservationWriter writer,
    SourceStatusTracker status,
    JobRunRecorder recorder,
    IOptionsMonitor<IngestOptions> ingestOptions,
    IOptions<StorageOptions> storageOptions)
{
    public const string Id = "ingest-postgres";
    public const string Cron = "* * * * *";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => recorder.RunAsync(Id, CollectAllAsync, cancellationToken);

    public IReadOnlyDictionary<string, string> Targets() =>
        ingestOptions.CurrentValue.Postgres.Count > 0
            ? ingestOptions.CurrentValue.Postgres
            : new Dictionary<string, string> { ["dashboard"] = storageOptions.Value.Primary };

    public async Task CollectAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (target, connectionString) in Targets())
        {
            var source = "postgres:" + target;
            PostgresStatsSnapshot snapshot;
            try
            {
                snapshot = await collector.CollectAsync(connectionString, snapshots.Get(target), cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                await status.RecordFailureAsync(source, $"PostgreSQL {target}: {ex.Message}", cancellationToken);
                continue;
            }
            snapshots.Set(target, snapshot);
            await status.RecordSuccessAsync(source, cancellationToken);
            await writer.WriteAsync(ToObservations(target, snapshot).ToList(), cancellationToken);
        }
    }

    /// <summary>The series worth keeping for months: saturation, efficiency, size, wraparound, lag.</summary>
    public static IEnumerable<Observation> ToObservations(string target, PostgresStatsSnapshot s)
    {
        var entity = $"target=\"{target}\"";
        var at = s.TakenAt;
        if (s.Connections.Data is { MaxConnections: > 0 } connections)
        {
            yield return new Observation(MetricIds.DbConnections, entity, at, connections.PercentOfMax);
        }
        if (s.CacheHit.Data?.HeapRatio is { } heap)
        {
            yield return new Observation("pg_cache_hit_heap_percent", entity, at, heap * 100);
        }
        if (s.CacheHit.Data?.IndexRatio is { } index)
        {
            yield return new Observation("pg_cache_hit_index_percent", entity, at, index * 100);
        }
        if (s.ReadWrite.Data?.ReadShare is { } readShare)
        {
            yield return new Observation("pg_read_share_percent", entity, at, readShare * 100);
        }
        foreach (var db in s.Sizes.Data?.Databases ?? [])
        {
            if (db.Bytes is { } bytes)
            {
                yield return new Observation("pg_database_size_bytes", $"{entity},database=\"{db.Name}\"", at, bytes);
            }
        }
        foreach (var db in s.Wraparound.Data?.Databases ?? [])
        {
            yield return new Observation("pg_xid_wraparound_percent", $"{entity},database=\"{db.Name}\"", at, db.PercentTowardsWraparound);
        }
        foreach (var standby in s.Replication.Data?.Standbys ?? [])
        {
            // No lag measured is no observation: "n/a", never 0.
            if (standby.LagBytes is { } bytes)
            {
                yield return new Observation("pg_replication_lag_bytes", $"{entity},standby=\"{standby.Name}\"", at, bytes);
            }
            if (standby.LagSeconds is { } seconds)
            {
                yield return new Observation("pg_replication_lag_seconds", $"{entity},standby=\"{standby.Name}\"", at, seconds);
            }
        }
    }
}
