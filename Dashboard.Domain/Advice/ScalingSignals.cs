using Dashboard.Domain.Values;

namespace Dashboard.Domain.Advice;

/// <summary>
/// What has been measured or declared about a deployment. Every member is optional: null means
/// unknown, and unknown is never read as "fine" or as "zero".
/// </summary>
public sealed record ScalingSignals
{
    /// <summary>Whether pg_stat_statements (or similar) shows slow queries.</summary>
    public bool? SlowQueriesPresent { get; init; }

    /// <summary>The database buffer-cache hit ratio (below 0.99 the working set no longer fits in RAM).</summary>
    public Ratio? CacheHitRatio { get; init; }

    /// <summary>Database CPU held over the sustained window, percent.</summary>
    public Percent? CpuSustained { get; init; }

    /// <summary>Share of database statements that are reads.</summary>
    public Ratio? ReadShare { get; init; }

    /// <summary>Rows in the largest table.</summary>
    public long? LargestTableRows { get; init; }

    /// <summary>Database size in bytes.</summary>
    public long? DatabaseSizeBytes { get; init; }

    /// <summary>Writes (inserted/updated/deleted rows) per second.</summary>
    public double? WritesPerSecond { get; init; }

    /// <summary>Connections in use as a share of the maximum.</summary>
    public Percent? ConnectionSaturation { get; init; }

    /// <summary>Whether a streaming read replica exists.</summary>
    public bool? ReplicaPresent { get; init; }

    /// <summary>Whether an application cache (Redis or similar) is in use.</summary>
    public bool? CachePresent { get; init; }

    /// <summary>Whether large tables are partitioned.</summary>
    public bool? PartitioningInUse { get; init; }

    /// <summary>Whether the data is sharded across databases.</summary>
    public bool? ShardingInUse { get; init; }

    /// <summary>Whether monitoring (Prometheus or similar) answers.</summary>
    public bool? MonitoringReachable { get; init; }

    /// <summary>Whether background jobs are being processed.</summary>
    public bool? BackgroundJobsRunning { get; init; }

    /// <summary>Whether deployments go through CI/CD.</summary>
    public bool? CiCdInUse { get; init; }

    /// <summary>Whether the product runs on Kubernetes.</summary>
    public bool? KubernetesInUse { get; init; }

    /// <summary>How many application instances serve traffic.</summary>
    public int? AppInstances { get; init; }

    /// <summary>Whether a connection pooler sits between the app and the database.</summary>
    public bool? ConnectionPoolerPresent { get; init; }

    /// <summary>Active users.</summary>
    public long? ActiveUsers { get; init; }
}
