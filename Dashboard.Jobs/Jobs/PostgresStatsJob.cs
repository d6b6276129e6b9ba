using Dashboard.Domain.Series;
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
    PostgresSnapshotStore store,
    ObservationWriter writer,
    SourceStatusTracker status,
    JobRunRecorder recorder,
    IOptionsMonitor<IngestOptions> ingestOptions,
    IOptions<StorageOptions> storageOptions)
{
    public const string Id = "ingest-postgres";
    public const string Cron = "* * * * *";

    [OneAtATime(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => recorder.RunAsync(Id, CollectAllAsync, cancellationToken);

    public IReadOnlyDictionary<string, string> Targets() => Targets(ingestOptions.CurrentValue, storageOptions.Value);

    /// <summary>The monitored databases by name: Ingest:Postgres, or the dashboard's own primary as "dashboard".</summary>
    public static IReadOnlyDictionary<string, string> Targets(IngestOptions ingest, StorageOptions storage) =>
        ingest.Postgres.Count > 0
            ? ingest.Postgres
            : new Dictionary<string, string> { ["dashboard"] = storage.Primary };

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
            await store.SaveAsync(target, snapshot, cancellationToken);
            await status.RecordSuccessAsync(source, cancellationToken);
            await writer.WriteAsync(ToObservations(target, snapshot).ToList(), cancellationToken);
        }
    }

    /// <summary>Per-table size history (growth of the largest tables), by metric name.</summary>
    public const string TableSizeMetric = "pg_table_size_bytes";

    /// <summary>Per-table row-count history, by metric name.</summary>
    public const string TableRowsMetric = "pg_table_rows";

    /// <summary>The entity of one table's series: the target's labels plus the table.</summary>
    public static string TableEntity(string target, string schema, string table) => LabelSet.Of(("target", target), ("table", $"{schema}.{table}")).Text;

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
        foreach (var table in s.Sizes.Data?.LargestTables ?? [])
        {
            var tableEntity = TableEntity(target, table.Schema, table.Name);
            yield return new Observation(TableSizeMetric, tableEntity, at, table.TotalBytes);
            if (table.Rows is { } rows)
            {
                yield return new Observation(TableRowsMetric, tableEntity, at, rows);
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
