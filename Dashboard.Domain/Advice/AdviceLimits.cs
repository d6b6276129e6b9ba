using Dashboard.Domain.Catalog;

namespace Dashboard.Domain.Advice;

/// <summary>
/// The levels at which a signal counts as evidence. Defaults come from the chapter's tables; the
/// write rate that counts as "high write throughput" is not quoted there and is a deployment setting.
/// </summary>
public sealed record AdviceLimits
{
    /// <summary>Database CPU above this (percent) is a bottleneck: the catalog's CPU warning, 70.</summary>
    public double CpuHigh { get; init; } = MetricCatalog.Default.Get(MetricIds.Cpu).Threshold.Warning;

    /// <summary>A buffer-cache hit ratio below this means the working set no longer fits in RAM.</summary>
    public double CacheHitRatioLow { get; init; } = 0.99;

    /// <summary>Above this read share, traffic is read-heavy (read replicas: "&gt; 80 % reads").</summary>
    public double ReadHeavyShare { get; init; } = 0.80;

    /// <summary>A table above this many rows is a partitioning candidate ("&gt; 100M rows").</summary>
    public long LargeTableRows { get; init; } = 100_000_000;

    /// <summary>Beyond this size vertical scaling stops being the answer and sharding becomes one ("&gt; 1 TB").</summary>
    public long LargeDatabaseBytes { get; init; } = 1L << 40;

    /// <summary>Writes per second that count as high write throughput.</summary>
    public double HighWritesPerSecond { get; init; } = 1_000;

    /// <summary>Connection use above this (percent of max) calls for pooling: the catalog's DB connections warning, 70.</summary>
    public double ConnectionSaturationHigh { get; init; } = MetricCatalog.Default.Get(MetricIds.DbConnections).Threshold.Warning;

    /// <summary>
    /// A statement whose mean execution time is above this (milliseconds) counts as slow: on its own it
    /// takes more than the catalog's p50 response-time warning (200 ms) allows a whole request.
    /// </summary>
    public double SlowQueryMeanMs { get; init; } = MetricCatalog.Default.Get(MetricIds.LatencyP50).Threshold.Warning;

    /// <summary>The defaults.</summary>
    public static AdviceLimits Default { get; } = new();
}
