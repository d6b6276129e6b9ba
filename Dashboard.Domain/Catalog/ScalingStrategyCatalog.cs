namespace Dashboard.Domain.Catalog;

/// <summary>The database scaling strategies table as data.</summary>
public static class ScalingStrategyCatalog
{
    /// <summary>The seven strategies, in the chapter's order.</summary>
    public static IReadOnlyList<ScalingStrategy> All { get; } =
    [
        new(ScalingStrategyId.VerticalScaling, "Vertical scaling", "First bottleneck, < 1 TB data", Complexity.Low, new(2, 4), new(2, 4), 2),
        new(ScalingStrategyId.ReadReplicas, "Read replicas", "Read-heavy (> 80 % reads)", Complexity.Medium, new(5, 10), GainRange.Same, 2),
        new(ScalingStrategyId.ConnectionPooling, "Connection pooling", "Many app instances, connection limits", Complexity.Low, new(2, 3), new(2, 3), 1),
        new(ScalingStrategyId.QueryOptimization, "Query optimization", "Before any scaling (always first)", Complexity.Low, new(2, 50), new(2, 50), 1),
        new(ScalingStrategyId.TablePartitioning, "Table partitioning", "Single large tables (> 100M rows)", Complexity.Medium, new(5, 20), new(2, 5), 1),
        new(ScalingStrategyId.FunctionalSharding, "Functional sharding", "Different domains, separable data", Complexity.High, new(5, 10), new(5, 10), 3),
        new(ScalingStrategyId.HorizontalSharding, "Horizontal sharding", "> 1 TB, high write throughput", Complexity.VeryHigh, new(10, 50), new(10, 50), 4),
    ];

    /// <summary>The strategy with <paramref name="id"/>.</summary>
    /// <param name="id">Which strategy.</param>
    public static ScalingStrategy Get(ScalingStrategyId id) => All.Single(s => s.Id == id);
}
