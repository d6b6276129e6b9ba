namespace Dashboard.Jobs.Sources.Postgres;

/// <summary>Why a panel has no (or only part of its) data.</summary>
public enum PanelProblemKind
{
    /// <summary>An extension the panel needs is not installed or not preloaded; <see cref="PanelProblem.Message"/> says how to set it up.</summary>
    MissingExtension,

    /// <summary>The monitoring role may not see this (e.g. <c>&lt;insufficient privilege&gt;</c>): grant it pg_monitor.</summary>
    PermissionDenied,

    /// <summary>The panel's query failed; the message is the server's.</summary>
    Error,
}

/// <summary>A named problem of one panel.</summary>
public sealed record PanelProblem(PanelProblemKind Kind, string Message);

/// <summary>
/// One panel of the database page: data, a problem, or both (partial data, e.g. other roles'
/// statements hidden by missing privileges). One panel's failure never hides another's data.
/// </summary>
public sealed record PostgresPanel<T>(T? Data, PanelProblem? Problem)
    where T : class;

/// <summary>Factories of <see cref="PostgresPanel{T}"/>.</summary>
public static class PostgresPanel
{
    public static PostgresPanel<T> Ok<T>(T data)
        where T : class => new(data, null);

    public static PostgresPanel<T> Failed<T>(PanelProblemKind kind, string message)
        where T : class => new(null, new PanelProblem(kind, message));
}

/// <summary>
/// Statistics of one monitored database at one time (the server's clock), panel by panel, plus
/// rates against the previous snapshot of the same target (null for the first, or after the
/// target changed).
/// </summary>
public sealed record PostgresStatsSnapshot
{
    /// <summary>host:port/database, without credentials.</summary>
    public required string Target { get; init; }

    /// <summary>The server's clock when the snapshot began.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary><c>server_version_num</c>, e.g. 150010.</summary>
    public required int ServerVersionNum { get; init; }

    public required bool IsStandby { get; init; }

    public required PostgresPanel<ConnectionsPanel> Connections { get; init; }

    public required PostgresPanel<CacheHitPanel> CacheHit { get; init; }

    public required PostgresPanel<TopQueriesPanel> TopQueries { get; init; }

    public required PostgresPanel<SessionsPanel> Sessions { get; init; }

    public required PostgresPanel<ReplicationPanel> Replication { get; init; }

    public required PostgresPanel<SizesPanel> Sizes { get; init; }

    public required PostgresPanel<ReadWritePanel> ReadWrite { get; init; }

    public required PostgresPanel<WraparoundPanel> Wraparound { get; init; }

    public required PostgresPanel<IndexesPanel> Indexes { get; init; }

    public PostgresStatsRates? Rates { get; init; }
}

/// <summary>Client connections of the whole server against max_connections.</summary>
public sealed record ConnectionsPanel(int MaxConnections, int Total, IReadOnlyList<ConnectionGroup> Groups)
{
    /// <summary>Client connections as a percentage of max_connections (catalog unit: 0-100).</summary>
    public double PercentOfMax => MaxConnections > 0 ? 100.0 * Total / MaxConnections : double.NaN;
}

/// <summary>Connections of one database, application and state. State is null when the role may not see it.</summary>
public sealed record ConnectionGroup(string? Database, string Application, string? State, int Count);

/// <summary>Buffer-cache hit ratios (0-1) of this database's tables and indexes since the last stats reset, with the counters behind them.</summary>
public sealed record CacheHitPanel(long HeapHit, long HeapRead, long IndexHit, long IndexRead, DateTimeOffset? StatsReset)
{
    public double? HeapRatio => Ratio(HeapHit, HeapRead);

    public double? IndexRatio => Ratio(IndexHit, IndexRead);

    /// <summary>Tables and indexes together: the buffer-cache hit ratio of every block this database's user tables read.</summary>
    public double? OverallRatio => Ratio(HeapHit + IndexHit, HeapRead + IndexRead);

    internal static double? Ratio(long hit, long read) => hit + read > 0 ? (double)hit / (hit + read) : null;
}

/// <summary>One pg_stat_statements entry of this database. <see cref="TextHidden"/>: another role's statement the monitoring role may not read.</summary>
public sealed record StatementStats(long? QueryId, string Query, string? User, bool TopLevel, long Calls, double TotalExecMs, double MeanExecMs, long Rows)
{
    /// <summary>How many pg_stat_statements entries of this shape were summed (the same statement over per-batch temp
    /// tables or daily partitions); 1 for a statement with one entry.</summary>
    public int Variants { get; init; } = 1;

    public bool TextHidden => Query == PostgresStatsCollector.InsufficientPrivilege;
}

/// <summary>Counters of one statement, kept for the next snapshot's rates.</summary>
public readonly record struct StatementKey(long UserId, long QueryId, bool TopLevel);

/// <summary>Top statements by total and by mean execution time, and every statement's counters (for rates).</summary>
public sealed record TopQueriesPanel(
    IReadOnlyList<StatementStats> ByTotalTime,
    IReadOnlyList<StatementStats> ByMeanTime,
    IReadOnlyDictionary<StatementKey, (long Calls, double TotalExecMs)> Counters,
    DateTimeOffset? StatsReset,
    string TotalTimeColumn);

/// <summary>A session worth a look: running long, or idle inside an open transaction.</summary>
public sealed record SessionInfo(int Pid, string? User, string? Database, string Application, string? State, TimeSpan Duration, string? Query);

public sealed record SessionsPanel(IReadOnlyList<SessionInfo> LongRunning, IReadOnlyList<SessionInfo> IdleInTransaction);

/// <summary>
/// Replication lag. On a primary: one row per connected standby. On a standby: its own lag.
/// Null bytes or seconds mean "n/a" (nothing to measure), never 0; no standbys is an empty list.
/// </summary>
public sealed record ReplicationPanel(bool IsStandby, IReadOnlyList<StandbyLag> Standbys, StandbyLag? Self);

/// <summary>One standby's lag: WAL bytes not yet replayed and the replay delay in seconds.</summary>
public sealed record StandbyLag(string Name, string? State, long? LagBytes, double? LagSeconds);

public sealed record DatabaseSize(string Name, long? Bytes);

/// <summary>A table's size and rows (n_live_tup from statistics, reltuples from the planner; -1 reltuples = never analysed).</summary>
public sealed record TableSize(string Schema, string Name, long TotalBytes, long TableBytes, long IndexBytes, long? LiveRows, long EstimatedRows)
{
    /// <summary>The partitioned parent ("schema.name") when this table is one of its partitions, else null.</summary>
    public string? PartitionOf { get; init; }

    /// <summary>
    /// Rows as best known: the larger of n_live_tup (zero again after a stats reset) and the planner's
    /// estimate (-1 until analysed); null when neither is known.
    /// </summary>
    public long? Rows => Math.Max(LiveRows ?? -1, EstimatedRows) is var rows and >= 0 ? rows : null;
}

public sealed record SizesPanel(IReadOnlyList<DatabaseSize> Databases, IReadOnlyList<TableSize> LargestTables)
{
    /// <summary>How many declaratively partitioned tables the database has (null: not collected).</summary>
    public int? PartitionedTables { get; init; }
}

/// <summary>Rows read vs written in this database since the last stats reset (pg_stat_database).</summary>
public sealed record ReadWritePanel(long RowsRead, long RowsInserted, long RowsUpdated, long RowsDeleted, long Commits, long Rollbacks, DateTimeOffset? StatsReset)
{
    public long RowsWritten => RowsInserted + RowsUpdated + RowsDeleted;

    /// <summary>Reads as a share (0-1) of all rows touched; null before anything happened.</summary>
    public double? ReadShare => RowsRead + RowsWritten > 0 ? (double)RowsRead / (RowsRead + RowsWritten) : null;
}

/// <summary>Transaction-ID age of each database; wraparound stops writes at about 2^31.</summary>
public sealed record WraparoundPanel(long AutovacuumFreezeMaxAge, IReadOnlyList<DatabaseXidAge> Databases)
{
    /// <summary>The server's vacuum_failsafe_age (PostgreSQL 14+); null before 14.</summary>
    public long? VacuumFailsafeAge { get; init; }
}

public sealed record DatabaseXidAge(string Name, long Age)
{
    public const double WraparoundLimit = 2_147_483_648d;

    /// <summary>How far towards wraparound, percent.</summary>
    public double PercentTowardsWraparound => 100.0 * Age / WraparoundLimit;
}

/// <summary>Indexes never scanned since the stats reset (not unique, not backing a constraint), and sets of indexes with identical definitions.</summary>
public sealed record IndexesPanel(IReadOnlyList<UnusedIndex> Unused, IReadOnlyList<DuplicateIndexes> Duplicates, DateTimeOffset? StatsReset);

public sealed record UnusedIndex(string Schema, string Table, string Index, long Bytes);

public sealed record DuplicateIndexes(string Schema, string Table, IReadOnlyList<string> Indexes, long Bytes);

/// <summary>
/// A per-second rate over the interval between two snapshots. After a counter reset (the counter went
/// down, or stats_reset changed) the rate for that interval is unknown: <see cref="PerSecond"/> is null
/// and <see cref="Reset"/> is true. Never negative.
/// </summary>
public readonly record struct Rate(double? PerSecond, bool Reset)
{
    public static Rate Unknown => new(null, false);

    public static Rate Between(double before, double after, TimeSpan interval, bool resetMarkerChanged) =>
        resetMarkerChanged || after < before ? new Rate(null, true)
        : interval > TimeSpan.Zero ? new Rate((after - before) / interval.TotalSeconds, false)
        : Unknown;
}

public sealed record StatementRate(long QueryId, string? User, Rate Calls, Rate ExecMsPerSecond);

/// <summary>Size change per second (may be negative: sizes shrink after VACUUM FULL or DROP; they are not counters).</summary>
public sealed record SizeGrowth(string Name, double BytesPerSecond);

/// <summary>Rates between two snapshots of the same target. Ratios over the interval are null when a reset fell inside it.</summary>
public sealed record PostgresStatsRates(
    TimeSpan Interval,
    Rate Transactions,
    Rate RowsRead,
    Rate RowsWritten,
    double? ReadShare,
    double? HeapCacheHitRatio,
    double? IndexCacheHitRatio,
    IReadOnlyList<StatementRate> Statements,
    IReadOnlyList<SizeGrowth> DatabaseGrowth,
    IReadOnlyList<SizeGrowth> TableGrowth);
