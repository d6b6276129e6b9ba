using Dashboard.Components.Shared;
using Dashboard.Domain.Advice;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Sources.Postgres;

namespace Dashboard.Services.DatabaseHealth;

/// <summary>
/// Shapes one target's latest snapshot and source status into the database-health view. Levels and
/// judgements come from Dashboard.Domain (thresholds in force, AdviceLimits, TransactionIdAge);
/// nothing is invented for data that is missing: no snapshot gives no panels, never zeros.
/// </summary>
public static class TargetHealthBuilder
{
    /// <summary>The ingest job runs every minute; a snapshot older than this means the worker stopped collecting.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(3);

    /// <summary>What connections with no visible state are called (other roles' sessions without pg_monitor).</summary>
    public const string HiddenState = "unknown (needs pg_monitor)";

    /// <summary>What connections without an application_name are called.</summary>
    public const string NoApplication = "(no application_name)";

    public static TargetHealth Build(
        string name,
        PostgresStatsSnapshot? snapshot,
        SourceStatusRow? status,
        IReadOnlyDictionary<string, TableGrowth> growth,
        Threshold connectionsThreshold,
        AdviceLimits limits,
        DateTimeOffset now)
    {
        var freshness = Freshness(snapshot, status, now);
        var health = new TargetHealth
        {
            Name = name,
            State = freshness.State,
            StateMessage = freshness.Message,
            StaleSince = freshness.Since,
            Error = freshness.Error,
        };
        if (snapshot is null)
        {
            return health;
        }

        return health with
        {
            Server = snapshot.Target,
            TakenAt = snapshot.TakenAt,
            ServerVersionNum = snapshot.ServerVersionNum,
            IsStandby = snapshot.IsStandby,
            TopQueries = Map(snapshot.TopQueries, p => TopQueries(p, snapshot.Rates, limits)),
            Connections = Map(snapshot.Connections, p => Connections(p, connectionsThreshold)),
            CacheHit = Map(snapshot.CacheHit, p => CacheHit(p, snapshot.Rates, limits)),
            Replication = snapshot.Replication,
            Tables = Map(snapshot.Sizes, p => Tables(p, growth, limits)),
            Indexes = snapshot.Indexes,
            Wraparound = Map(snapshot.Wraparound, Wraparound),
        };
    }

    /// <summary>Live, stale (since when, why) or no data yet, from the source status and the snapshot's age.</summary>
    public static (TargetState State, DateTimeOffset? Since, string? Error, string Message) Freshness(
        PostgresStatsSnapshot? snapshot, SourceStatusRow? status, DateTimeOffset now)
    {
        if (status is { IsStale: true })
        {
            return (TargetState.Stale, status.StaleSince, status.LastError, snapshot is null
                ? "Collection has failed since it started, so there are no figures for this database yet."
                : "Collection is failing: the figures below are the last known values, not current ones.");
        }
        if (snapshot is null)
        {
            return (TargetState.NoData, null, null,
                "No statistics collected yet. A worker's ingest-postgres job reads this database every minute; " +
                "top queries also need the pg_stat_statements extension.");
        }
        // Our own clock where we have it: the monitored server's clock may be skewed.
        var collectedAt = status?.LastSuccessAt ?? snapshot.TakenAt;
        var age = now - collectedAt;
        if (age > StaleAfter)
        {
            return (TargetState.Stale, collectedAt,
                $"No new snapshot for {Humanize.Duration(age)}: is a worker running the ingest-postgres job?",
                "No fresh snapshot: the figures below are the last known values, not current ones.");
        }
        return (TargetState.Live, null, null, "Collected every minute by the ingest-postgres job.");
    }

    private static PostgresPanel<TView> Map<TSource, TView>(PostgresPanel<TSource> panel, Func<TSource, TView> map)
        where TSource : class
        where TView : class =>
        new(panel.Data is { } data ? map(data) : null, panel.Problem);

    private static TopQueriesView TopQueries(TopQueriesPanel panel, PostgresStatsRates? rates, AdviceLimits limits)
    {
        var callRates = rates?.Statements
            .GroupBy(s => s.QueryId)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Calls.PerSecond).Aggregate((double?)0, (sum, r) => sum is null || r is null ? null : sum + r));
        QueryView View(StatementStats s)
        {
            var explain = s.TextHidden ? null : ExplainLine.For(s.Query);
            return new QueryView(s.QueryId, s.Query, s.User, s.TopLevel, s.Calls, s.TotalExecMs, s.MeanExecMs, s.Rows,
                s.QueryId is { } id ? callRates?.GetValueOrDefault(id) : null,
                IsSlow(s, explain, limits), s.TextHidden, explain)
            {
                Variants = s.Variants,
            };
        }
        return new TopQueriesView([.. panel.ByTotalTime.Select(View)], [.. panel.ByMeanTime.Select(View)], panel.StatsReset, limits.SlowQueryMeanMs);
    }

    /// <summary>Slow: a top-level statement EXPLAIN can study, whose mean is above the limit (utility statements such as COPY or DDL are not queries to optimise).</summary>
    public static bool IsSlow(StatementStats s, ExplainLine? explain, AdviceLimits limits) =>
        s.TopLevel && !s.TextHidden && explain is not null && s.MeanExecMs > limits.SlowQueryMeanMs;

    private static ConnectionsView Connections(ConnectionsPanel panel, Threshold threshold)
    {
        var max = panel.MaxConnections;
        double Share(int count) => max > 0 ? 100.0 * count / max : double.NaN;
        List<ConnectionCount> By(Func<ConnectionGroup, string> key) =>
            [.. panel.Groups.GroupBy(key).Select(g => new ConnectionCount(g.Key, g.Sum(x => x.Count), Share(g.Sum(x => x.Count))))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)];
        var percent = panel.PercentOfMax;
        var status = double.IsFinite(percent) ? Status(threshold.Classify(percent)) : HealthStatus.NoData;
        return new ConnectionsView(max, panel.Total, percent, status, threshold.Warning, threshold.Critical,
            By(g => g.State ?? HiddenState), By(g => g.Application.Length > 0 ? g.Application : NoApplication));
    }

    private static CacheHitView CacheHit(CacheHitPanel panel, PostgresStatsRates? rates, AdviceLimits limits)
    {
        var overall = panel.OverallRatio;
        var status = overall is not { } ratio ? HealthStatus.NoData : ratio < limits.CacheHitRatioLow ? HealthStatus.Warning : HealthStatus.Ok;
        return new CacheHitView(panel.HeapRatio, panel.IndexRatio, overall, rates?.HeapCacheHitRatio, rates?.IndexCacheHitRatio,
            rates?.Interval, panel.StatsReset, limits.CacheHitRatioLow, status);
    }

    private static TablesView Tables(SizesPanel panel, IReadOnlyDictionary<string, TableGrowth> growth, AdviceLimits limits) =>
        new([.. panel.LargestTables.Select(t => new TableView(t.Schema, t.Name, t.TotalBytes, t.TableBytes, t.IndexBytes, t.Rows, t.PartitionOf,
                // A partition is already partitioned; a parent's rows are its partitions'.
                PartitionCandidate: t.PartitionOf is null && t.Rows > limits.LargeTableRows,
                growth.GetValueOrDefault(TableKey(t.Schema, t.Name))))],
            limits.LargeTableRows, panel.PartitionedTables);

    /// <summary>"schema.table", the key of growth entries.</summary>
    public static string TableKey(string schema, string table) => $"{schema}.{table}";

    private static WraparoundView Wraparound(WraparoundPanel panel)
    {
        var databases = panel.Databases.Select(d =>
        {
            var xid = TransactionIdAge.Assess(d.Age, panel.AutovacuumFreezeMaxAge, panel.VacuumFailsafeAge);
            return new XidAgeView(d.Name, xid.Age, xid.Headroom, xid.TowardsWraparound.Value, xid.WarningAt, xid.CriticalAt, xid.Status);
        }).ToList();
        var worst = databases.Count == 0 ? HealthStatus.NoData : databases.Max(d => d.Status);
        return new WraparoundView(panel.AutovacuumFreezeMaxAge, panel.VacuumFailsafeAge, databases, worst);
    }

    private static HealthStatus Status(ThresholdBreach breach) => breach switch
    {
        ThresholdBreach.Critical => HealthStatus.Critical,
        ThresholdBreach.Warning => HealthStatus.Warning,
        _ => HealthStatus.Ok,
    };
}
