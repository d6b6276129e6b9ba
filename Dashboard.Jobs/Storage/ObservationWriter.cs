using System.Buffers;
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

        // One pass: the window check, the days to partition, and each point's series id from the
        // cache (the points of series not cached yet are resolved together below). The arrays are
        // pooled: a batch's are large-object-heap sized.
        var ids = ArrayPool<long>.Shared.Rent(observations.Count);
        var micros = ArrayPool<long>.Shared.Rent(observations.Count);
        var values = ArrayPool<double>.Shared.Rent(observations.Count);
        try
        {
            var accepted = 0;
            var days = new HashSet<DateOnly>();
            var lastDay = long.MinValue;
            List<(int Index, Observation Point)>? unresolved = null;
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
                if (!seriesIds.TryGetValue((o.Metric, o.Entity), out ids[accepted]))
                {
                    (unresolved ??= []).Add((accepted, o));
                }
                micros[accepted] = ObservationBatch.ToMicros(o.Timestamp);
                values[accepted] = o.Value;
                accepted++;
                var day = o.Timestamp.UtcTicks / TimeSpan.TicksPerDay;
                if (day != lastDay)
                {
                    days.Add(DateOnly.FromDayNumber((int)day));
                    lastDay = day;
                }
            }
            var rejected = observations.Count - accepted;
            if (rejected > 0)
            {
                logger.LogWarning("Rejected {Count} observation(s) outside the store's window [{Oldest:O}, {Newest:O}]", rejected, oldest, newest);
            }
            if (accepted == 0)
            {
                return Count(new ObservationWriteResult(observations.Count, 0, 0, rejected));
            }

            if (unresolved is not null)
            {
                await ResolveSeriesAsync(unresolved.Select(u => (u.Point.Metric, u.Point.Entity)).Distinct().ToList(), cancellationToken);
                foreach (var (index, point) in unresolved)
                {
                    ids[index] = seriesIds[(point.Metric, point.Entity)];
                }
            }
            using var batch = ObservationBatch.Create(ids, micros, values, accepted);
            await partitions.EnsureAsync(days, cancellationToken);
            int inserted;
            try
            {
                inserted = await CopyAsync(batch, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CheckViolation && ex.TableName == "observations")
            {
                // "no partition of relation found for row": a cached partition was dropped meanwhile.
                partitions.Forget();
                await partitions.EnsureAsync(days, cancellationToken);
                inserted = await CopyAsync(batch, cancellationToken);
            }
            return Count(new ObservationWriteResult(observations.Count, inserted, accepted - inserted, rejected));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(micros);
            ArrayPool<double>.Shared.Return(values);
        }
    }

    private static ObservationWriteResult Count(ObservationWriteResult result)
    {
        Points.WithLabels("inserted").Inc(result.Inserted);
        Points.WithLabels("duplicate").Inc(result.Duplicates);
        Points.WithLabels("rejected").Inc(result.Rejected);
        return result;
    }

    private async Task<int> CopyAsync(ObservationBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        var tx = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            int inserted;
            if (await AnyStoredAsync(connection, batch, cancellationToken))
            {
                inserted = await CopyThroughStagingAsync(connection, batch, cancellationToken);
            }
            else
            {
                // Nothing of this batch is stored yet (the usual case for a live window): COPY straight
                // into the table. If a concurrent writer stored some of it meanwhile, the unique key
                // stops the COPY; the transaction is rolled back whole and the batch takes the
                // staging path in a new one (no savepoint: no subtransaction per batch for a rare race).
                try
                {
                    await CopyRowsAsync(connection, "observations", batch, cancellationToken);
                    inserted = batch.Count;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    await tx.RollbackAsync(cancellationToken);
                    await tx.DisposeAsync();
                    tx = await connection.BeginTransactionAsync(cancellationToken);
                    inserted = await CopyThroughStagingAsync(connection, batch, cancellationToken);
                }
            }

            // The buckets go to the rollup queue atomically with the points. On a rerun this marks
            // buckets that did not change; the rollup job then recomputes the same values.
            await using (var queue = new NpgsqlCommand(
                "INSERT INTO rollup_pending (bucket) SELECT unnest(@buckets) ON CONFLICT (bucket) DO NOTHING", connection))
            {
                queue.Parameters.AddWithValue("buckets", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, batch.Buckets);
                await queue.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            return inserted;
        }
        finally
        {
            await tx.DisposeAsync();
        }
    }

    private static async Task<bool> AnyStoredAsync(NpgsqlConnection connection, ObservationBatch batch, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM observations WHERE series_id = ANY(@ids) AND ts >= @from AND ts <= @to)
            """, connection);
        command.Parameters.AddWithValue("ids", batch.DistinctSeriesIds);
        command.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, batch.From);
        command.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, batch.To);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<int> CopyThroughStagingAsync(NpgsqlConnection connection, ObservationBatch batch, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE observations_staging (series_id bigint NOT NULL, ts timestamptz NOT NULL, value double precision NOT NULL) ON COMMIT DROP",
            connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await CopyRowsAsync(connection, "observations_staging", batch, cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO observations (series_id, ts, value)
            SELECT series_id, ts, value FROM observations_staging
            ON CONFLICT (series_id, ts) DO NOTHING
            """, connection);
        return await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Sends the batch as raw binary COPY data, encoded here in one pass (see
    /// <see cref="ObservationBatch.WriteCopyAsync"/>): Npgsql's per-value importer cost more client
    /// CPU than the server's own work on two busy cores (bench/storage/README.md).
    /// </summary>
    private static async Task CopyRowsAsync(NpgsqlConnection connection, string table, ObservationBatch batch, CancellationToken cancellationToken)
    {
        var copy = await connection.BeginRawBinaryCopyAsync($"COPY {table} (series_id, ts, value) FROM STDIN (FORMAT BINARY)", cancellationToken);
        try
        {
            await batch.WriteCopyAsync(copy, cancellationToken);
        }
        catch
        {
            // Never end the COPY normally after a failed write: that would hand the server a partial
            // batch. If the connection itself broke, the server has nothing to keep either; the
            // write's own error is the one to report.
            try
            {
                await copy.CancelAsync();
            }
            catch (Exception cancelError) when (cancelError is NpgsqlException or IOException or ObjectDisposedException)
            {
            }
            throw;
        }
        // Ending the COPY: the server's verdict (a unique violation, a missing partition) is thrown here.
        await copy.DisposeAsync();
    }

    private async Task ResolveSeriesAsync(List<(string Metric, string Entity)> missing, CancellationToken cancellationToken)
    {
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
