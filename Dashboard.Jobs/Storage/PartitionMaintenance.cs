using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Jobs.Storage;

/// <summary>What one upkeep pass changed.</summary>
public sealed record PartitionUpkeepResult(IReadOnlyList<DateOnly> Created, IReadOnlyList<DateOnly> Dropped);

/// <summary>
/// Daily UTC partitions of <c>observations</c>, named <c>observations_pYYYYMMDD</c>: created ahead
/// of time (and on demand for backfilled days), dropped whole once past the retention age.
/// Every operation is idempotent and safe from several processes at once.
/// </summary>
public sealed class PartitionMaintenance(
    ObservationStoreDataSource dataSource,
    IOptionsMonitor<StorageRetentionOptions> options,
    TimeProvider time,
    ILogger<PartitionMaintenance> logger)
{
    private const string Prefix = "observations_p";

    // Serializes partition DDL across processes: two concurrent CREATE TABLE IF NOT EXISTS of the
    // same partition can still collide in the catalog.
    private const long DdlLockKey = 0x6F62735F70617274; // "obs_part"

    private readonly ConcurrentDictionary<DateOnly, byte> known = new();

    /// <summary>The first UTC day whose points are still kept; older partitions are dropped.</summary>
    public DateOnly OldestKeptDay => Today().AddDays(-options.CurrentValue.RetentionDays);

    public static string PartitionName(DateOnly day) => Prefix + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Makes sure a partition exists for each day (cached: the database is asked once per day and process).</summary>
    public async Task EnsureAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var missing = days.Where(d => !known.ContainsKey(d)).Distinct().Order().ToList();
        if (missing.Count == 0)
        {
            return;
        }
        var created = await CreateAsync(missing, cancellationToken);
        if (created.Count > 0)
        {
            logger.LogInformation("Created observation partitions {Partitions}", string.Join(", ", created.Select(PartitionName)));
        }
    }

    /// <summary>Forgets which partitions exist (after a write found one missing, e.g. dropped meanwhile).</summary>
    public void Forget() => known.Clear();

    /// <summary>Creates yesterday through today + PartitionsAheadDays and drops partitions past retention.</summary>
    public async Task<PartitionUpkeepResult> RunUpkeepAsync(CancellationToken cancellationToken)
    {
        var today = Today();
        var ahead = Enumerable.Range(-1, options.CurrentValue.PartitionsAheadDays + 2).Select(today.AddDays).ToList();
        var created = await CreateAsync(ahead, cancellationToken);

        var oldestKept = OldestKeptDay;
        var dropped = new List<DateOnly>();
        foreach (var day in await ListAsync(cancellationToken))
        {
            if (day >= oldestKept)
            {
                continue;
            }
            await using var connection = await dataSource.OpenAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            // Dropping a partition locks the parent: give up rather than queue every writer behind a long reader.
            await ExecuteAsync(connection, "SET LOCAL lock_timeout = '10s'", cancellationToken);
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {PartitionName(day)}", cancellationToken);
            await tx.CommitAsync(cancellationToken);
            known.TryRemove(day, out _);
            dropped.Add(day);
        }
        if (created.Count > 0 || dropped.Count > 0)
        {
            logger.LogInformation("Observation partitions: created {Created}, dropped {Dropped} (retention {Days} days)",
                created.Count, dropped.Count, options.CurrentValue.RetentionDays);
        }
        return new PartitionUpkeepResult(created, dropped);
    }

    /// <summary>The days that have a partition now, oldest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'observations'::regclass
            """, connection);
        var days = new List<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            // Only partitions this class made; anything else attached by hand is left alone.
            if (name.StartsWith(Prefix, StringComparison.Ordinal) &&
                DateOnly.TryParseExact(name[Prefix.Length..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days.Add(day);
            }
        }
        days.Sort();
        return days;
    }

    private async Task<List<DateOnly>> CreateAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({DdlLockKey})", cancellationToken);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var list = new NpgsqlCommand("SELECT relname FROM pg_class WHERE relname = ANY(@names) AND relkind IN ('r', 'p')", connection))
        {
            list.Parameters.AddWithValue("names", days.Select(PartitionName).ToArray());
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetString(0));
            }
        }
        var created = new List<DateOnly>();
        foreach (var day in days.Where(d => !existing.Contains(PartitionName(d))))
        {
            var from = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await ExecuteAsync(connection,
                $"CREATE TABLE {PartitionName(day)} PARTITION OF observations FOR VALUES FROM ('{from} 00:00:00+00') TO ('{to} 00:00:00+00')",
                cancellationToken);
            created.Add(day);
        }
        await tx.CommitAsync(cancellationToken);
        foreach (var day in days)
        {
            known.TryAdd(day, 0);
        }
        return created;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
