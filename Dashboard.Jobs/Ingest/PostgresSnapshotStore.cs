using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Jobs.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Jobs.Ingest;

/// <summary>
/// The latest snapshot of each monitored database, kept on the primary (postgres_snapshots) so every
/// web instance shows what the worker collected, not only the process that ran the job. The
/// statement counters (thousands of entries, only needed for the next rate) stay in memory.
/// </summary>
public sealed class PostgresSnapshotStore(
    IDbContextFactory<DashboardDbContext> writes,
    IDbContextFactory<ReadDbContext> reads,
    RecentReads recent,
    ILogger<PostgresSnapshotStore> logger)
{
    private const string AllKey = "postgres-snapshots:all";

    private static readonly IReadOnlyDictionary<StatementKey, (long Calls, double TotalExecMs)> NoCounters =
        new Dictionary<StatementKey, (long Calls, double TotalExecMs)>();

    /// <summary>NaN is written as "NaN" (PercentOfMax with max_connections unknown); counters are left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutCounters } },
    };

    public async Task SaveAsync(string name, PostgresStatsSnapshot snapshot, CancellationToken cancellationToken)
    {
        var json = Serialize(snapshot);
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        // An older snapshot (a slow run finishing late) never replaces a newer one.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO postgres_snapshots (name, target, taken_at, snapshot)
            VALUES ({name}, {snapshot.Target}, {snapshot.TakenAt}, {json}::jsonb)
            ON CONFLICT (name) DO UPDATE SET target = EXCLUDED.target, taken_at = EXCLUDED.taken_at, snapshot = EXCLUDED.snapshot
            WHERE postgres_snapshots.taken_at <= EXCLUDED.taken_at
            """, cancellationToken);
        recent.Invalidate(AllKey);
    }

    /// <summary>
    /// The latest snapshot per target name, from the read replica (the primary when no standby answers); a burst of
    /// callers shares one read and parse for at most <see cref="RecentReads.MaxAge"/>, and a save here drops it (decision 032).
    /// </summary>
    public Task<IReadOnlyDictionary<string, PostgresStatsSnapshot>> GetAllAsync(CancellationToken cancellationToken) =>
        recent.GetAsync(AllKey, ReadAllAsync, cancellationToken);

    private async Task<IReadOnlyDictionary<string, PostgresStatsSnapshot>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await reads.CreateDbContextAsync(cancellationToken);
        var rows = await db.PostgresSnapshots.AsNoTracking().ToListAsync(cancellationToken);
        var snapshots = new Dictionary<string, PostgresStatsSnapshot>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            try
            {
                snapshots[row.Name] = Deserialize(row.Snapshot);
            }
            catch (JsonException ex)
            {
                // Written by another version: as if none were stored; the next run replaces it.
                logger.LogWarning(ex, "Ignored the stored snapshot of PostgreSQL target {Target}", row.Name);
            }
        }
        return snapshots;
    }

    public static string Serialize(PostgresStatsSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Json);

    public static PostgresStatsSnapshot Deserialize(string json)
    {
        var snapshot = JsonSerializer.Deserialize<PostgresStatsSnapshot>(json, Json)
            ?? throw new JsonException("The stored snapshot is null.");
        return snapshot.TopQueries.Data is { } top
            ? snapshot with { TopQueries = snapshot.TopQueries with { Data = top with { Counters = NoCounters } } }
            : snapshot;
    }

    private static void LeaveOutCounters(JsonTypeInfo info)
    {
        if (info.Type != typeof(TopQueriesPanel))
        {
            return;
        }
        var counters = info.Properties.Single(p => p.Name == "counters");
        counters.ShouldSerialize = (_, _) => false;
        // Never read (it is never written), but a converter must exist: the key type has none.
        counters.CustomConverter = new NoCountersConverter();
    }

    private sealed class NoCountersConverter : JsonConverter<IReadOnlyDictionary<StatementKey, (long Calls, double TotalExecMs)>>
    {
        public override IReadOnlyDictionary<StatementKey, (long Calls, double TotalExecMs)> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            reader.Skip();
            return NoCounters;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<StatementKey, (long Calls, double TotalExecMs)> value, JsonSerializerOptions options) =>
            writer.WriteNullValue();
    }
}
