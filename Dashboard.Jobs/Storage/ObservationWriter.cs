using System.Collections.Concurrent;
using Dashboard.Jobs.Ingest;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Prometheus;

namespace Dashboard.Jobs.Storage;

/// <summary>What one write did with its points. Received = Inserted + Duplicates + Rejected.</summary>
/// <param name="Received">Points handed in.</param>
/// <param name="Inserted">Points stored now.</param>
/// <param name="Duplicates">Points whose (series, timestamp) was already stored (the first write wins).</param>
/// <param name="Rejected">Points outside the store's window: older than retention, or more than a day ahead.</param>
public readonly record struct ObservationWriteResult(int Received, int Inserted, int Duplicates, int Rejected);

/// <summary>
/// Writes observations into the partitioned <c>observations</c> table: binary COPY into a
/// transaction-scoped staging table, then one <c>INSERT ... ON CONFLICT DO NOTHING</c>, so a batch
/// lands whole or not at all and writing the same window twice stores each point once. The
/// 5-minute buckets that gained points are queued for the rollup job in the same transaction.
/// </summary>
public sealed class ObservationWriter(
    ObservationStoreDataSource dataSource,
    PartitionMaintenance partitions,
    TimeProvider time,
    ILogger<ObservationWriter> logger)
{
    private static readonly Counter Points = Metrics.CreateCounter(
        "dashboard_observations_written_total", "Observations handed to the store, by outcome.", "outcome");

    /// <summary>A point further ahead than this is a clock or parsing error, not a measurement.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromDays(1);

    // Series ids never change once assigned (series rows are never deleted), so they are cached
    // for the life of the process. Only ids read after a commit go in.
    private readonly ConcurrentDictionary<(string Metric, string Entity), long> seriesIds = new();

    public async Task<ObservationWriteResult> WriteAsync(IReadOnlyCollection<Observation> observations, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var oldest = new DateTimeOffset(partitions.OldestKeptDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var newest = now + MaxFutureSkew;

        var accepted = new List<Observation>(observations.Count);
        var days = new HashSet<DateOnly>();
        foreach (var o in observations)
        {
            if (string.IsNullOrEmpty(o.Metric))
            {
                throw new ArgumentException("Every observation needs a metric name.", nameof(observations));
            }
            if (o.Timestamp < oldest || o.Timestamp > newest)
            {
                continue;
            }
            accepted.Add(o);
            days.Add(DateOnly.FromDateTime(o.Timestamp.UtcDateTime));
        }
        var rejected = observations.Count - accepted.Count;
        if (rejected > 0)
        {
            logger.LogWarning("Rejected {Count} observation(s) outside the store's window [{Oldest:O}, {Newest:O}]", rejected, oldest, newest);
        }
        if (accepted.Count == 0)
        {
            return Count(new ObservationWriteResult(observations.Count, 0, 0, rejected));
        }

        await ResolveSeriesAsync(accepted, cancellationToken);
        await partitions.EnsureAsync(days, cancellationToken);
        int inserted;
        try
        {
            inserted = await CopyAsync(accepted, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CheckViolation && ex.TableName == "observations")
        {
            // "no partition of relation found for row": a cached partition was dropped meanwhile.
            partitions.Forget();
            await partitions.EnsureAsync(days, cancellationToken);
            inserted = await CopyAsync(accepted, cancellationToken);
        }
        return Count(new ObservationWriteResult(observations.Count, inserted, accepted.Count - inserted, rejected));
    }

    private static ObservationWriteResult Count(ObservationWriteResult result)
    {
        Points.WithLabels("inserted").Inc(result.Inserted);
        Points.WithLabels("duplicate").Inc(result.Duplicates);
        Points.WithLabels("rejected").Inc(result.Rejected);
        return result;
    }

    private async Task<int> CopyAsync(List<Observation> points, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE observations_staging (series_id bigint NOT NULL, ts timestamptz NOT NULL, value double precision NOT NULL) ON COMMIT DROP",
            connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY observations_staging (series_id, ts, value) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var o in points)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(seriesIds[(o.Metric, o.Entity)], NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(o.Timestamp.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(o.Value, NpgsqlDbType.Double, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }

        // Inserted rows also mark their 5-minute buckets for the rollup job, atomically with the points.
        await using var insert = new NpgsqlCommand($"""
            WITH inserted AS (
                INSERT INTO observations (series_id, ts, value)
                SELECT series_id, ts, value FROM observations_staging
                ON CONFLICT (series_id, ts) DO NOTHING
                RETURNING ts),
            pending AS (
                INSERT INTO rollup_pending (bucket)
                SELECT DISTINCT {ObservationRollups.FiveMinuteBucket("ts")} FROM inserted
                ON CONFLICT (bucket) DO NOTHING)
            SELECT count(*) FROM inserted
            """, connection);
        var inserted = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await tx.CommitAsync(cancellationToken);
        return (int)inserted;
    }

    private async Task ResolveSeriesAsync(List<Observation> points, CancellationToken cancellationToken)
    {
        var missing = points.Select(o => (o.Metric, o.Entity)).Where(k => !seriesIds.ContainsKey(k)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }
        var metrics = missing.Select(k => k.Metric).ToArray();
        var entities = missing.Select(k => k.Entity).ToArray();
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        // Its own autocommit statement: a series row without points is harmless, and an id is only
        // cached once it is committed, so a rolled-back batch cannot leave a dangling id behind.
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO series (metric, entity)
            SELECT * FROM unnest(@metrics, @entities)
            ON CONFLICT (metric, entity) DO NOTHING
            """, connection))
        {
            upsert.Parameters.AddWithValue("metrics", metrics);
            upsert.Parameters.AddWithValue("entities", entities);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var select = new NpgsqlCommand("""
            SELECT s.id, s.metric, s.entity FROM series s
            JOIN unnest(@metrics, @entities) AS k(metric, entity) ON s.metric = k.metric AND s.entity = k.entity
            """, connection);
        select.Parameters.AddWithValue("metrics", metrics);
        select.Parameters.AddWithValue("entities", entities);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seriesIds[(reader.GetString(1), reader.GetString(2))] = reader.GetInt64(0);
        }
    }
}
