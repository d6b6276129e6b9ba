namespace Dashboard.Domain.Catalog;

/// <summary>The database scaling strategies of the chapter's table.</summary>
public enum ScalingStrategyId
{
    /// <summary>More CPU/RAM/IOPS on one machine.</summary>
    VerticalScaling,

    /// <summary>Route reads to replicas.</summary>
    ReadReplicas,

    /// <summary>Share a few database connections among many app instances.</summary>
    ConnectionPooling,

    /// <summary>Indexes, N+1 fixes, EXPLAIN ANALYZE.</summary>
    QueryOptimization,

    /// <summary>Split large tables by date or tenant.</summary>
    TablePartitioning,

    /// <summary>Separate databases per domain.</summary>
    FunctionalSharding,

    /// <summary>Split rows of the same tables across databases.</summary>
    HorizontalSharding,
}
