using Dashboard.Domain.Health;
using Dashboard.Jobs.Sources.Postgres;

namespace Dashboard.Services.DatabaseHealth;

/// <summary>How fresh a monitored database's statistics are.</summary>
public enum TargetState
{
    /// <summary>The latest snapshot is recent.</summary>
    Live,

    /// <summary>The last collection failed, or no snapshot came for too long: the data shown is the last known.</summary>
    Stale,

    /// <summary>No snapshot has been collected yet.</summary>
    NoData,
}

/// <summary>Database health of every monitored PostgreSQL target, for the engineer view and GET /api/v1/database/health.</summary>
public sealed record DatabaseHealthReport(DateTimeOffset GeneratedAt, IReadOnlyList<TargetHealth> Targets);

/// <summary>
/// One monitored database: its freshness (stale since when, with the source's error) and one panel per
/// question. A panel is null when there is no snapshot; a panel with a problem names it.
/// </summary>
public sealed record TargetHealth
{
    /// <summary>The configured name (Ingest:Postgres:&lt;name&gt;).</summary>
    public required string Name { get; init; }

    /// <summary>host:port/database of the latest snapshot, without credentials.</summary>
    public string? Server { get; init; }

    public required TargetState State { get; init; }

    /// <summary>What the state means in words ("stale since …: connection refused", "no snapshot yet …").</summary>
    public required string StateMessage { get; init; }

    /// <summary>When the snapshot shown was taken (the monitored server's clock).</summary>
    public DateTimeOffset? TakenAt { get; init; }

    public DateTimeOffset? StaleSince { get; init; }

    /// <summary>The source's own error text while stale.</summary>
    public string? Error { get; init; }

    public int? ServerVersionNum { get; init; }

    public bool? IsStandby { get; init; }

    public PostgresPanel<TopQueriesView>? TopQueries { get; init; }

    public PostgresPanel<ConnectionsView>? Connections { get; init; }

    public PostgresPanel<CacheHitView>? CacheHit { get; init; }

    public PostgresPanel<ReplicationPanel>? Replication { get; init; }

    public PostgresPanel<TablesView>? Tables { get; init; }

    public PostgresPanel<IndexesPanel>? Indexes { get; init; }

    public PostgresPanel<WraparoundView>? Wraparound { get; init; }
}

/// <summary>
/// The statements that cost the most in total and per call. Texts come normalised by
/// pg_stat_statements: constants are $1, $2, … and must be filled in before running EXPLAIN.
/// </summary>
/// <remarks>
/// <c>SlowMeanMs</c>: A statement with a mean above this counts as slow (the decision path's rule).<br/>
/// </remarks>
public sealed record TopQueriesView(
    IReadOnlyList<QueryView> ByTotalTime,
    IReadOnlyList<QueryView> ByMeanTime,
    DateTimeOffset? StatsReset,
    double SlowMeanMs);

/// <summary>One statement with its counters since the statistics reset, and the EXPLAIN line to study it.</summary>
/// <remarks>
/// <c>CallsPerSecond</c>: Calls per second between the last two snapshots; null when unknown (first snapshot, reset).<br/>
/// <c>Slow</c>: Mean above <see cref="TopQueriesView.SlowMeanMs"/> and worth an EXPLAIN (a top-level, explainable statement).<br/>
/// <c>Explain</c>: null for statements EXPLAIN cannot run (utility statements, hidden texts).<br/>
/// </remarks>
public sealed record QueryView(
    long? QueryId,
    string Query,
    string? User,
    bool TopLevel,
    long Calls,
    double TotalMs,
    double MeanMs,
    long Rows,
    double? CallsPerSecond,
    bool Slow,
    bool TextHidden,
    ExplainLine? Explain)
{
    /// <summary>How many pg_stat_statements entries of the same shape this row sums (per-batch temp tables, daily partitions).</summary>
    public int Variants { get; init; } = 1;
}

/// <summary>Client connections against max_connections, by state and by application.</summary>
/// <remarks>
/// <c>Status</c>: Against the DB connections thresholds in force (percent of max).<br/>
/// </remarks>
public sealed record ConnectionsView(
    int Max,
    int Total,
    double PercentOfMax,
    HealthStatus Status,
    double Warning,
    double Critical,
    IReadOnlyList<ConnectionCount> ByState,
    IReadOnlyList<ConnectionCount> ByApplication);

/// <summary>Connections in one state or of one application.</summary>
public sealed record ConnectionCount(string Name, int Count, double PercentOfMax);

/// <summary>
/// Buffer-cache hit ratios (0-1) since the statistics reset and between the last two snapshots;
/// below <see cref="Low"/> the working set no longer fits in memory.
/// </summary>
public sealed record CacheHitView(
    double? Tables,
    double? Indexes,
    double? Overall,
    double? TablesRecent,
    double? IndexesRecent,
    TimeSpan? RecentInterval,
    DateTimeOffset? StatsReset,
    double Low,
    HealthStatus Status);

/// <summary>The largest tables, their growth, and which are partitioning candidates.</summary>
/// <remarks>
/// <c>PartitionCandidateRows</c>: Above this many rows an unpartitioned table is a partitioning candidate (100M).<br/>
/// <c>PartitionedTables</c>: Partitioned tables in the database; null when not collected.<br/>
/// </remarks>
public sealed record TablesView(IReadOnlyList<TableView> Largest, long PartitionCandidateRows, int? PartitionedTables);

/// <remarks>
/// <c>Rows</c>: Best known row count (n_live_tup or the planner's estimate); null when never analysed.<br/>
/// <c>PartitionOf</c>: The partitioned parent when this is a partition.<br/>
/// <c>Growth</c>: null when no earlier size is known.<br/>
/// </remarks>
public sealed record TableView(
    string Schema,
    string Name,
    long TotalBytes,
    long TableBytes,
    long IndexBytes,
    long? Rows,
    string? PartitionOf,
    bool PartitionCandidate,
    TableGrowth? Growth);

/// <summary>How a table changed over a stated period.</summary>
/// <remarks>
/// <c>Since</c>: The earlier measurement's time.<br/>
/// <c>Period</c>: From <paramref name="Since"/> to the latest snapshot.<br/>
/// <c>Basis</c>: "stored history" (size series kept by the ingest job) or "last two snapshots".<br/>
/// </remarks>
public sealed record TableGrowth(long BytesChange, long? RowsChange, DateTimeOffset Since, TimeSpan Period, string Basis)
{
    /// <summary>Bytes per day over the period.</summary>
    public double BytesPerDay => Period > TimeSpan.Zero ? BytesChange / Period.TotalDays : 0;
}

/// <summary>Transaction-ID age per database with warning levels from the server's settings.</summary>
public sealed record WraparoundView(long AutovacuumFreezeMaxAge, long? VacuumFailsafeAge, IReadOnlyList<XidAgeView> Databases, HealthStatus Worst);

/// <summary>One database's XID age, headroom to wraparound and status.</summary>
public sealed record XidAgeView(string Database, long Age, long Headroom, double PercentTowardsWraparound, long WarningAt, long CriticalAt, HealthStatus Status);
