using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Services.DatabaseHealth;
using Dashboard.Services.Signals;

namespace Dashboard.Tests.Web;

/// <summary>Hand-made statistics snapshots for the database-health views (no database needed).</summary>
internal static class Snapshots
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The signals snapshot as <see cref="SignalsSnapshotService"/> makes it from one database's
    /// statistics (target <paramref name="target"/>), with the given cache fact (unknown by default).
    /// </summary>
    public static SignalsSnapshot Shared(PostgresStatsSnapshot? snapshot, string target = "shop", SignalFact<bool>? cache = null) => new()
    {
        TakenAt = Now,
        Monitoring = SignalFact.Unknown<bool>("not read in this test"),
        CiCd = SignalFact.Unknown<bool>(SignalsSnapshotService.CiCdUnknown),
        ConnectionPooler = SignalFact.Unknown<bool>(SignalsSnapshotService.PoolerUnknown),
        Cache = cache ?? SignalFact.Unknown<bool>("the Redis check has not run in this test"),
        BackgroundJobs = SignalFact.Unknown<bool>("not read in this test"),
        Sharding = SignalFact.Unknown<bool>(SignalsSnapshotService.ShardingUnknown),
        Kubernetes = SignalFact.Unknown<bool>(SignalsSnapshotService.KubernetesUnknown),
        AppInstances = SignalFact.Unknown<int>(SignalsSnapshotService.AppInstancesUnknown),
        ActiveUsers = SignalFact.Unknown<long>(SignalsSnapshotService.UsersUnknown),
        Databases = [SignalEvidence.Database(target, snapshot, null)],
    };

    public static StatementStats Statement(string query, double meanMs, long calls = 10, bool topLevel = true, long id = 1) =>
        new(id, query, "app", topLevel, calls, meanMs * calls, meanMs, calls);

    public static TableSize Table(string name, long rows, long bytes = 1L << 30, string? partitionOf = null) =>
        new("public", name, bytes, bytes * 3 / 4, bytes / 4, rows, rows) { PartitionOf = partitionOf };

    public static PostgresStatsSnapshot Of(
        IReadOnlyList<StatementStats>? statements = null,
        IReadOnlyList<TableSize>? tables = null,
        PostgresPanel<TopQueriesPanel>? topQueries = null,
        int partitioned = 0,
        long xidAge = 5_000_000,
        DateTimeOffset? takenAt = null)
    {
        statements ??= [Statement("SELECT * FROM orders WHERE id = $1", 2.5, id: 1), Statement("UPDATE orders SET note = $1 WHERE id = $2", 450, id: 2)];
        return new PostgresStatsSnapshot
        {
            Target = "db1:5432/shop",
            TakenAt = takenAt ?? Now.AddSeconds(-20),
            ServerVersionNum = 150010,
            IsStandby = false,
            Connections = PostgresPanel.Ok(new ConnectionsPanel(100, 14,
            [
                new ConnectionGroup("shop", "web", "idle", 8),
                new ConnectionGroup("shop", "web", "active", 3),
                new ConnectionGroup("shop", "", "idle in transaction", 2),
                new ConnectionGroup("shop", "worker", null, 1),
            ])),
            CacheHit = PostgresPanel.Ok(new CacheHitPanel(9_900, 100, 4_950, 50, null)),
            TopQueries = topQueries ?? PostgresPanel.Ok(new TopQueriesPanel(statements, [.. statements.OrderByDescending(s => s.MeanExecMs)],
                new Dictionary<StatementKey, (long Calls, double TotalExecMs)>(), null, "total_exec_time")),
            Sessions = PostgresPanel.Ok(new SessionsPanel([], [])),
            Replication = PostgresPanel.Ok(new ReplicationPanel(false, [new StandbyLag("replica1", "streaming", 4096, 0.2)], null)),
            Sizes = PostgresPanel.Ok(new SizesPanel([new DatabaseSize("shop", 40L << 30)], tables ?? [Table("orders", 2_000_000)]) { PartitionedTables = partitioned }),
            ReadWrite = PostgresPanel.Ok(new ReadWritePanel(9_000, 600, 300, 100, 5_000, 10, null)),
            Wraparound = PostgresPanel.Ok(new WraparoundPanel(200_000_000, [new DatabaseXidAge("shop", xidAge), new DatabaseXidAge("postgres", 1_000)]) { VacuumFailsafeAge = 1_600_000_000 }),
            Indexes = PostgresPanel.Ok(new IndexesPanel([new UnusedIndex("public", "orders", "orders_note", 8192)], [], null)),
        };
    }

    public static TargetHealth TargetOf(PostgresStatsSnapshot? snapshot, SourceStatusRow? status = null, string name = "shop") =>
        TargetHealthBuilder.Build(name, snapshot, status, new Dictionary<string, TableGrowth>(),
            MetricCatalog.Default.Get(MetricIds.DbConnections).Threshold, AdviceLimits.Default, Now);
}
