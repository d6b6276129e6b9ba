namespace Dashboard.Domain.Catalog;

/// <summary>
/// A runbook hint per catalog metric, as data: the triage table shows it next to each alert.
/// Where the chapter's facts say what to do (decision path, strategies table, queues, common mistakes,
/// readiness checklist) the hint restates them and <see cref="RunbookHint.Basis"/> says which; the rest is
/// marked as general practice.
/// </summary>
public static class RunbookCatalog
{
    /// <summary>What <see cref="RunbookHint.Basis"/> says when the chapter has no fact for the advice.</summary>
    public const string GeneralPractice = "General practice (the chapter gives no specific fix).";

    /// <summary>One hint per metric of <see cref="MetricCatalog.Default"/>.</summary>
    public static IReadOnlyList<RunbookHint> All { get; } =
    [
        new(MetricIds.Uptime, "Find the single point of failure",
            [
                "See which dependency is down or stale (Sources, Alertmanager) and restore it first.",
                "Then give the database and critical services redundancy (a standby, a second instance, multi-AZ).",
            ],
            null,
            "Common mistakes: a single point of failure; instead, redundancy for the database and critical services."),
        new(MetricIds.LatencyP50, "Check queries first, then cache hot reads",
            [
                "Look at the slowest queries by mean time (pg_stat_statements) and EXPLAIN ANALYZE them.",
                "Add missing indexes and fix N+1 queries.",
                "If reads still dominate, cache hot data in Redis (cuts database reads 60-90 %).",
            ],
            ScalingStrategyId.QueryOptimization,
            "Decision path step 1 (check queries first: EXPLAIN ANALYZE, missing indexes, N+1; free) and step 3 (add caching: Redis for hot data, 60-90 % fewer DB reads)."),
        new(MetricIds.LatencyP99, "Slow queries: look at pg_stat_statements",
            [
                "EXPLAIN ANALYZE the 10 slowest queries (pg_stat_statements, by total and by mean time).",
                "Add missing indexes and fix N+1 queries.",
                "Move work the user need not wait for (email, PDFs, webhooks, analytics) onto a queue.",
            ],
            ScalingStrategyId.QueryOptimization,
            "Engineer's list: EXPLAIN ANALYZE the 10 slowest queries; query optimization before any scaling (+2-50x); queue what the user need not wait for."),
        new(MetricIds.ErrorRate, "Find what changed",
            [
                "Check the latest deployment and roll it back if the errors started with it.",
                "Read the top errors in error tracking and the logs of the failing route.",
                "If CPU or database connections are saturated too, the errors are overload: treat that alert first.",
            ],
            null,
            GeneralPractice),
        new(MetricIds.Cpu, "Profile, then scale",
            [
                "Profile the hot path and the busiest queries before buying capacity (optimise before scaling).",
                "Scale vertically first (more CPU): usually buys 6-12 months for $50-500/month.",
                "At the Scale stage, scale out behind auto-scaling policies instead.",
            ],
            ScalingStrategyId.VerticalScaling,
            "Principles: optimise before scaling, scale vertically first; decision path step 2 (vertical scale, $50-500/mo, 6-12 months)."),
        new(MetricIds.Memory, "Find what holds the memory, then scale up",
            [
                "Check which process grows (a leak, an unbounded cache, a large result set held in memory).",
                "Bound caches and stream large results instead of loading them.",
                "If the working set is simply larger now, scale vertically (more RAM).",
            ],
            ScalingStrategyId.VerticalScaling,
            "Decision path step 2 (vertical scale: more CPU/RAM/IOPS); finding the leak first is general practice."),
        new(MetricIds.DbConnections, "Pool database connections (PgBouncer)",
            [
                "See connections by state and application: idle-in-transaction sessions hold slots for nothing.",
                "Put a connection pooler (PgBouncer, transaction mode) between the app instances and PostgreSQL.",
                "Lower each instance's pool size rather than raising max_connections.",
            ],
            ScalingStrategyId.ConnectionPooling,
            "Strategies table: connection pooling for many app instances and connection limits (low complexity, +2-3x, $); a phase-1 checklist item."),
        new(MetricIds.Disk, "Retention and partitioning",
            [
                "Find the largest and fastest-growing tables and what is safe to delete (retention).",
                "Partition large tables (over 100M rows) by date or tenant and drop old partitions instead of deleting rows.",
                "Grow the volume only after that, as a stopgap.",
            ],
            ScalingStrategyId.TablePartitioning,
            "Strategies table: table partitioning for single large tables (> 100M rows); decision path step 5 (partition by date or tenant, prune old partitions)."),
        new(MetricIds.QueueDepth, "Add workers",
            [
                "Add workers (consumers) until the queue drains faster than it fills.",
                "Check whether one job type dominates or fails and retries in a loop.",
                "Beyond about 10K jobs/min, move from a Redis-backed queue to a broker built for it.",
            ],
            null,
            "Queues: Redis-backed job queues suit simple queues under 10K jobs/min; adding workers is general practice."),
        new(MetricIds.QueueLatency, "Workers are not keeping up",
            [
                "Add workers, or give slow job types a queue of their own so quick jobs are not stuck behind them.",
                "Look at the oldest waiting job: a stuck job or a slow dependency holds the line.",
            ],
            null,
            GeneralPractice),
        new(MetricIds.SignupSuccess, "Check the signup path",
            [
                "Look at errors and p99 latency on the signup route and its dependencies (email, captcha).",
                "Check the latest deployment for a broken form or validation.",
            ],
            null,
            GeneralPractice),
        new(MetricIds.PaymentSuccess, "Check the payment provider",
            [
                "Check the payment provider's status and the error codes it returns.",
                "Look at checkout latency: payment is the part that must stay in the request; everything else can be queued.",
            ],
            null,
            "Queues: of a 6.5 s checkout, only the 2 s payment must stay synchronous; the provider check is general practice."),
    ];

    /// <summary>The hint for <paramref name="metricId"/>, or null when the metric has none (e.g. an Alertmanager alert's name).</summary>
    /// <param name="metricId">A metric id.</param>
    public static RunbookHint? For(string metricId) => All.FirstOrDefault(h => h.MetricId == metricId);
}
