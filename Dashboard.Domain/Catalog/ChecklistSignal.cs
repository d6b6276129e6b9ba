namespace Dashboard.Domain.Catalog;

/// <summary>The measured signal that settles an auto-evaluable checklist item.</summary>
public enum ChecklistSignal
{
    /// <summary>Monitoring answers.</summary>
    MonitoringReachable,

    /// <summary>Deployments go through CI/CD.</summary>
    CiCdInUse,

    /// <summary>A connection pooler is in place.</summary>
    ConnectionPoolerPresent,

    /// <summary>An application cache is in use.</summary>
    CachePresent,

    /// <summary>Background jobs are being processed.</summary>
    BackgroundJobsRunning,

    /// <summary>A read replica exists.</summary>
    ReplicaPresent,

    /// <summary>Large tables are partitioned or data is sharded.</summary>
    PartitioningOrSharding,
}
