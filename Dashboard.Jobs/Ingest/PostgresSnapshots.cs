using System.Collections.Concurrent;
using Dashboard.Jobs.Sources.Postgres;

namespace Dashboard.Jobs.Ingest;

/// <summary>The latest statistics snapshot per monitored database (rates need the previous one).</summary>
public sealed class PostgresSnapshots
{
    private readonly ConcurrentDictionary<string, PostgresStatsSnapshot> latest = new(StringComparer.Ordinal);

    public PostgresStatsSnapshot? Get(string target) => latest.GetValueOrDefault(target);

    public void Set(string target, PostgresStatsSnapshot snapshot) => latest[target] = snapshot;

    public IReadOnlyDictionary<string, PostgresStatsSnapshot> All => latest;
}
