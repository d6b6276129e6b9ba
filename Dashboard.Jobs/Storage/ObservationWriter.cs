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
/// Writes observations into the partitioned <c>observations</c> table with binary COPY, one
/// transaction per batch, so a batch lands whole or not at all and writing the same window twice
/// stores each point once. A batch none of whose points is stored yet is copied straight into the
/// table; otherwise it goes through a transaction-scoped staging table and
/// <c>INSERT ... ON CONFLICT DO NOTHING</c>. The 5-minute buckets of the batch are queued for
/// the rollup job in the same transaction.
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

    private async Task<int> CopyAsync(List<Observation> observations, CancellationToken cancellationToken)
    {
        var points = Distinct(observations);
        var buckets = points.Select(p => p.Ts.Ticks - p.Ts.Ticks % FiveMinuteTicks).Distinct()
            .Select(t => new DateTime(t, DateTimeKind.Utc)).ToArray();

        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        int inserted;
        if (await AnyStoredAsync(connection, points, cancellationToken))
        {
            inserted = await CopyThroughStagingAsync(connection, points, cancellationToken);
        }
        else
        {
            // Nothing of this batch is stored yet (the usual case for a live window): COPY straight
            // into the table. If a concurrent writer stored some of it meanwhile, the unique key
            // stops the COPY and the batch takes the staging path instead.
            await tx.SaveAsync("direct", cancellationToken);
            try
            {
                inserted = await CopyRowsAsync(connection, "observations", points, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await tx.RollbackAsync("direct", cancellationToken);
                inserted = await CopyThroughStagingAsync(connection, points, cancellationToken);
            }
        }

        // The buckets go to the rollup queue atomically with the points. On a rerun this marks
        // buckets that did not change; the rollup job then recomputes the same values.
        await using (var queue = new NpgsqlCommand(
            "INSERT INTO rollup_pending (bucket) SELECT unnest(@buckets) ON CONFLICT (bucket) DO NOTHING", connection))
        {
            queue.Parameters.AddWithValue("buckets", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, buckets);
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return inserted;
    }

    private const long FiveMinuteTicks = TimeSpan.TicksPerMinute * 5;

    /// <summary>One point per (series, microsecond) (PostgreSQL's timestamp precision is the key's), in key order.</summary>
    private List<(long SeriesId, DateTime Ts, double Value)> Distinct(List<Observation> observations)
    {
        var seen = new HashSet<(long, long)>(observations.Count);
        var points = new List<(long, DateTime, double)>(observations.Count);
        foreach (var o in observations)
        {
            var id = seriesIds[(o.Metric, o.Entity)];
            var ts = o.Timestamp.UtcDateTime;
            ts = new DateTime(ts.Ticks - ts.Ticks % 10, DateTimeKind.Utc);
            if (seen.Add((id, ts.Ticks)))
            {
                points.Add((id, ts, o.Value));
            }
        }
        // In key order each series' points go to the same index leaf and heap pages one after
        // another: about twice the insert rate of time-major order, and history reads of one series
        // touch fewer pages.
        points.Sort((x, y) => x.Item1 != y.Item1 ? x.Item1.CompareTo(y.Item1) : x.Item2.CompareTo(y.Item2));
        return points;
    }

    private static async Task<bool> AnyStoredAsync(NpgsqlConnection connection, List<(long SeriesId, DateTime Ts, double Value)> points, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM observations WHERE series_id = ANY(@ids) AND ts >= @from AND ts <= @to)
            """, connection);
        command.Parameters.AddWithValue("ids", points.Select(p => p.SeriesId).Distinct().ToArray());
        command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, points.Min(p => p.Ts));
        command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, points.Max(p => p.Ts));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<int> CopyThroughStagingAsync(NpgsqlConnection connection, List<(long SeriesId, DateTime Ts, double Value)> points, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE observations_staging (series_id bigint NOT NULL, ts timestamptz NOT NULL, value double precision NOT NULL) ON COMMIT DROP",
            connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await CopyRowsAsync(connection, "observations_staging", points, cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO observations (series_id, ts, value)
            SELECT series_id, ts, value FROM observations_staging
            ON CONFLICT (series_id, ts) DO NOTHING
            """, connection);
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> CopyRowsAsync(NpgsqlConnection connection, string table, List<(long SeriesId, DateTime Ts, double Value)> points, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} (series_id, ts, value) FROM STDIN (FORMAT BINARY)", cancellationToken);
        // Synchronous writes: they only touch Npgsql's buffer (and the socket when it is full, every
        // few hundred rows); the async calls cost more CPU than the copy itself on a busy 2-core box.
        for (var i = 0; i < points.Count; i++)
        {
            if (i % 8192 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var (seriesId, ts, value) = points[i];
            importer.StartRow();
            importer.Write(seriesId, NpgsqlDbType.Bigint);
            importer.Write(ts, NpgsqlDbType.TimestampTz);
            importer.Write(value, NpgsqlDbType.Double);
        }
        return (int)await importer.CompleteAsync(cancellationToken);
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
