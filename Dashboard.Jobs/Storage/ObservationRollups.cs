using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Jobs.Storage;

/// <summary>What one rollup pass recomputed.</summary>
public sealed record RollupResult(int FiveMinuteBuckets, int FiveMinuteRows, int HourRows);

/// <summary>
/// Keeps <c>observations_5m</c> and <c>observations_1h</c> (min, max, sum, count, avg of the finite
/// raw values) in step with the raw table. The writer queues every 5-minute bucket that gained
/// points in <c>rollup_pending</c>; a pass recomputes exactly those buckets from the raw points
/// and their hours from the 5-minute rows, as upserts. Late and backfilled points are therefore
/// rolled up whatever their age, and a pass (or a re-run after a crash) is idempotent.
/// </summary>
public sealed class ObservationRollups(
    ObservationStoreDataSource dataSource,
    IOptionsMonitor<StorageRetentionOptions> options,
    TimeProvider time)
{
    // One day of 5-minute buckets per transaction: bounded work and locks per step.
    private const int BucketsPerStep = 288;
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    /// <summary>SQL for the 5-minute bucket of a timestamptz expression, independent of the session's time zone.</summary>
    public static string FiveMinuteBucket(string expression) =>
        $"date_bin('5 minutes', {expression}, timestamptz '2000-01-01 00:00:00+00')";

    private static string HourBucket(string expression) =>
        $"date_bin('1 hour', {expression}, timestamptz '2000-01-01 00:00:00+00')";

    /// <summary>Recomputes every queued bucket; returns once the queue seen at the start is empty.</summary>
    public async Task<RollupResult> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        int buckets = 0, fiveMinuteRows = 0, hourRows = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            // No SKIP LOCKED: if another pass holds some buckets, wait for it to commit, so that when
            // this call returns every bucket queued before it has been rolled up.
            var taken = new List<DateTimeOffset>();
            await using (var take = new NpgsqlCommand("""
                DELETE FROM rollup_pending WHERE bucket IN (
                    SELECT bucket FROM rollup_pending ORDER BY bucket LIMIT @limit FOR UPDATE)
                RETURNING bucket
                """, connection))
            {
                take.Parameters.AddWithValue("limit", BucketsPerStep);
                await using var reader = await take.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    taken.Add(reader.GetFieldValue<DateTimeOffset>(0));
                }
            }
            if (taken.Count == 0)
            {
                await tx.CommitAsync(cancellationToken);
                // A step can come back empty because a concurrent pass took its rows; look again.
                if (!await AnyPendingAsync(connection, cancellationToken))
                {
                    return new RollupResult(buckets, fiveMinuteRows, hourRows);
                }
                continue;
            }
            taken.Sort();
            buckets += taken.Count;
            foreach (var (from, to) in Ranges(taken, FiveMinutes))
            {
                fiveMinuteRows += await RollupFiveMinutesAsync(connection, from, to, cancellationToken);
            }
            var hours = taken.Select(b => new DateTimeOffset(b.UtcDateTime.Date.AddHours(b.UtcDateTime.Hour), TimeSpan.Zero)).Distinct().ToList();
            foreach (var (from, to) in Ranges(hours, TimeSpan.FromHours(1)))
            {
                hourRows += await RollupHoursAsync(connection, from, to, cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Queues every 5-minute bucket in [from, to) and processes the queue: for history loaded by
    /// other means, or after changing how rollups are computed.
    /// </summary>
    public async Task<RollupResult> RebuildAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenAsync(cancellationToken))
        await using (var queue = new NpgsqlCommand($"""
            INSERT INTO rollup_pending (bucket)
            SELECT generate_series({FiveMinuteBucket("@from")}, @to - interval '1 microsecond', interval '5 minutes')
            ON CONFLICT (bucket) DO NOTHING
            """, connection))
        {
            queue.Parameters.AddWithValue("from", from.ToUniversalTime());
            queue.Parameters.AddWithValue("to", to.ToUniversalTime());
            await queue.ExecuteNonQueryAsync(cancellationToken);
        }
        return await ProcessPendingAsync(cancellationToken);
    }

    /// <summary>Deletes rollup rows past Storage:RollupRetentionDays and queue entries whose raw points are gone.</summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var today = time.GetUtcNow().UtcDateTime.Date;
        var rollupCutoff = new DateTimeOffset(today.AddDays(-settings.RollupRetentionDays), TimeSpan.Zero);
        var rawCutoff = new DateTimeOffset(today.AddDays(-settings.RetentionDays), TimeSpan.Zero);
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await using var delete = new NpgsqlCommand("""
            DELETE FROM observations_5m WHERE bucket < @rollup;
            DELETE FROM observations_1h WHERE bucket < @rollup;
            DELETE FROM rollup_pending WHERE bucket < @raw;
            """, connection);
        delete.Parameters.AddWithValue("rollup", rollupCutoff);
        delete.Parameters.AddWithValue("raw", rawCutoff);
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> RollupFiveMinutesAsync(NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Scalar bounds (not a join on an array) so PostgreSQL prunes to the partitions in range and
        // uses the BRIN index on ts. NaN and ±Inf are stored raw but left out of the aggregates.
        await using var command = new NpgsqlCommand($"""
            INSERT INTO observations_5m AS r (series_id, bucket, min, max, sum, count)
            SELECT series_id, {FiveMinuteBucket("ts")}, min(value), max(value), sum(value), count(*)
            FROM observations
            WHERE ts >= @from AND ts < @to AND value > '-Infinity'::float8 AND value < 'Infinity'::float8
            GROUP BY 1, 2
            ON CONFLICT (series_id, bucket) DO UPDATE
            SET min = EXCLUDED.min, max = EXCLUDED.max, sum = EXCLUDED.sum, count = EXCLUDED.count
            """, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> RollupHoursAsync(NpgsqlConnection connection, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO observations_1h AS r (series_id, bucket, min, max, sum, count)
            SELECT series_id, {HourBucket("bucket")}, min(min), max(max), sum(sum), sum(count)
            FROM observations_5m
            WHERE bucket >= @from AND bucket < @to
            GROUP BY 1, 2
            ON CONFLICT (series_id, bucket) DO UPDATE
            SET min = EXCLUDED.min, max = EXCLUDED.max, sum = EXCLUDED.sum, count = EXCLUDED.count
            """, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> AnyPendingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM rollup_pending)", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Sorted bucket starts merged into contiguous [from, to) ranges.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Ranges(IReadOnlyList<DateTimeOffset> starts, TimeSpan width)
    {
        var from = starts[0];
        var to = from + width;
        foreach (var start in starts.Skip(1))
        {
            if (start > to)
            {
                yield return (from, to);
                from = start;
            }
            to = start + width;
        }
        yield return (from, to);
    }
}
