namespace Dashboard.Domain.Catalog;

/// <summary>The six steps of the "database feels slow" decision path, in order.</summary>
public enum DecisionStepId
{
    /// <summary>1. Check queries first (free).</summary>
    CheckQueries = 1,

    /// <summary>2. Vertical scale.</summary>
    VerticalScale = 2,

    /// <summary>3. Add caching.</summary>
    AddCaching = 3,

    /// <summary>4. Read replicas.</summary>
    ReadReplicas = 4,

    /// <summary>5. Partition large tables.</summary>
    PartitionTables = 5,

    /// <summary>6. Sharding, the last resort.</summary>
    Sharding = 6,
}
