using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Catalog;

public class ScalingStrategyCatalogTests
{
    // Strategy, complexity, read gain min-max, write gain min-max, cost tier ($ count).
    public static TheoryData<ScalingStrategyId, Complexity, double, double, double, double, int> Table => new()
    {
        { ScalingStrategyId.VerticalScaling, Complexity.Low, 2, 4, 2, 4, 2 },
        { ScalingStrategyId.ReadReplicas, Complexity.Medium, 5, 10, 1, 1, 2 },
        { ScalingStrategyId.ConnectionPooling, Complexity.Low, 2, 3, 2, 3, 1 },
        { ScalingStrategyId.QueryOptimization, Complexity.Low, 2, 50, 2, 50, 1 },
        { ScalingStrategyId.TablePartitioning, Complexity.Medium, 5, 20, 2, 5, 1 },
        { ScalingStrategyId.FunctionalSharding, Complexity.High, 5, 10, 5, 10, 3 },
        { ScalingStrategyId.HorizontalSharding, Complexity.VeryHigh, 10, 50, 10, 50, 4 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Strategy_MatchesTheTable(
        ScalingStrategyId id, Complexity complexity, double readMin, double readMax, double writeMin, double writeMax, int cost)
    {
        var strategy = ScalingStrategyCatalog.Get(id);

        Assert.Equal(complexity, strategy.Complexity);
        Assert.Equal((readMin, readMax), (strategy.ReadGain.Min, strategy.ReadGain.Max));
        Assert.Equal((writeMin, writeMax), (strategy.WriteGain.Min, strategy.WriteGain.Max));
        Assert.Equal(cost, strategy.CostTier);
        Assert.False(string.IsNullOrWhiteSpace(strategy.WhenToUse));
    }

    [Fact]
    public void All_HasSevenStrategies()
    {
        Assert.Equal(7, ScalingStrategyCatalog.All.Count);
        Assert.Equal(Enum.GetValues<ScalingStrategyId>(), ScalingStrategyCatalog.All.Select(s => s.Id).ToArray());
    }

    [Theory]
    [InlineData(0.5, 2)]
    [InlineData(3, 2)]
    [InlineData(double.NaN, 2)]
    public void GainRange_Nonsense_Throws(double min, double max)
    {
        Assert.Throws<DomainValidationException>(() => new GainRange(min, max));
    }

    // Step, monthly cost min / max (-1 = not quoted), strategy whose gains it brings (null for caching).
    public static TheoryData<DecisionStepId, int, int, ScalingStrategyId?> Steps => new()
    {
        { DecisionStepId.CheckQueries, 0, 0, ScalingStrategyId.QueryOptimization },
        { DecisionStepId.VerticalScale, 50, 500, ScalingStrategyId.VerticalScaling },
        { DecisionStepId.AddCaching, 50, 200, null },
        { DecisionStepId.ReadReplicas, 200, 1_000, ScalingStrategyId.ReadReplicas },
        { DecisionStepId.PartitionTables, -1, -1, ScalingStrategyId.TablePartitioning },
        { DecisionStepId.Sharding, -1, -1, ScalingStrategyId.HorizontalSharding },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void DecisionPath_Step_MatchesTheChapter(DecisionStepId id, int costMin, int costMax, ScalingStrategyId? strategy)
    {
        var step = Assert.Single(DecisionPathCatalog.Steps, s => s.Id == id);

        Assert.Equal(costMin < 0 ? null : Money.Of(costMin), step.MonthlyCost?.Min);
        Assert.Equal(costMax < 0 ? null : Money.Of(costMax), step.MonthlyCost?.Max);
        Assert.Equal(strategy, step.Strategy);
    }

    [Fact]
    public void DecisionPath_IsInOrder_AndCachingCutsReadsSixtyToNinetyPercent()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], DecisionPathCatalog.Steps.Select(s => s.Number).ToArray());
        var caching = DecisionPathCatalog.Steps[2];
        Assert.Equal((0.60, 0.90), (caching.DbReadReduction!.Value.Min.Value, caching.DbReadReduction.Value.Max.Value));
        Assert.Equal("Usually buys 6-12 months.", DecisionPathCatalog.Steps[1].Note);
    }
}
