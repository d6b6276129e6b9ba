using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>The decision path when the database feels slow, as data, in order.</summary>
public static class DecisionPathCatalog
{
    /// <summary>The six steps; go to the next only when the previous one no longer helps.</summary>
    public static IReadOnlyList<DecisionStep> Steps { get; } =
    [
        new(DecisionStepId.CheckQueries, "Check queries first", "EXPLAIN ANALYZE, add missing indexes, fix N+1.",
            Cost(0, 0), ScalingStrategyId.QueryOptimization, null, "Free."),
        new(DecisionStepId.VerticalScale, "Vertical scale", "More CPU / RAM / IOPS.",
            Cost(50, 500), ScalingStrategyId.VerticalScaling, null, "Usually buys 6-12 months."),
        new(DecisionStepId.AddCaching, "Add caching", "Redis for hot data.",
            Cost(50, 200), null, (Ratio.Of(0.60), Ratio.Of(0.90))),
        new(DecisionStepId.ReadReplicas, "Read replicas", "Route reads to replicas.",
            Cost(200, 1_000), ScalingStrategyId.ReadReplicas, null),
        new(DecisionStepId.PartitionTables, "Partition large tables", "By date or tenant; prune old partitions.",
            null, ScalingStrategyId.TablePartitioning, null),
        new(DecisionStepId.Sharding, "Sharding", "Last resort; consider managed distributed databases.",
            null, ScalingStrategyId.HorizontalSharding, null, "$$$$"),
    ];

    private static BudgetRange Cost(decimal min, decimal max) => new(Money.Of(min), Money.Of(max));
}
