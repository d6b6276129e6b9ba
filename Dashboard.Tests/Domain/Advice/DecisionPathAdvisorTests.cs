using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Advice;

public class DecisionPathAdvisorTests
{
    private static readonly ScalingSignals Healthy = new()
    {
        SlowQueriesPresent = false,
        CacheHitRatio = Ratio.Of(0.995),
        CpuSustained = Percent.Of(40),
        ReadShare = Ratio.Of(0.6),
        LargestTableRows = 5_000_000,
        DatabaseSizeBytes = 50L << 30,
        WritesPerSecond = 50,
        ConnectionSaturation = Percent.Of(30),
        ReplicaPresent = false,
        CachePresent = true,
    };

    private static StepStatus StatusOf(DecisionPathAdvice advice, DecisionStepId id) =>
        advice.Steps.Single(s => s.Step.Id == id).Status;

    [Fact]
    public void SlowQueries_WithEveryOtherSignalScreaming_StillSaysOptimiseFirst()
    {
        var signals = new ScalingSignals
        {
            SlowQueriesPresent = true,
            CpuSustained = Percent.Of(98),
            CachePresent = false,
            ReadShare = Ratio.Of(0.95),
            LargestTableRows = 900_000_000,
            DatabaseSizeBytes = 3L << 40,
            WritesPerSecond = 20_000,
        };

        var advice = DecisionPathAdvisor.Default.Advise(signals);

        Assert.Equal(DecisionStepId.CheckQueries, advice.Current!.Step.Id);
        Assert.Equal("slow queries present", Assert.Single(advice.Current.Evidence).Finding);
        Assert.All(advice.Steps.Skip(1), s => Assert.Equal(StepStatus.IndicatedLater, s.Status));
        Assert.Equal(ScalingStrategyId.QueryOptimization, advice.Current.ExpectedGains!.Id);
    }

    [Fact]
    public void SlowQueriesUnknown_StepOneAppliesBecauseItIsFree()
    {
        var advice = DecisionPathAdvisor.Default.Advise(Healthy with { SlowQueriesPresent = null, CpuSustained = Percent.Of(95) });

        Assert.Equal(DecisionStepId.CheckQueries, advice.Current!.Step.Id);
        Assert.Contains("not measured", advice.Current.Evidence[0].Finding);
        Assert.Equal(StepStatus.IndicatedLater, StatusOf(advice, DecisionStepId.VerticalScale));
    }

    [Fact]
    public void HealthyDatabase_NothingApplies_QueriesAndCacheDone()
    {
        var advice = DecisionPathAdvisor.Default.Advise(Healthy);

        Assert.Null(advice.Current);
        Assert.Equal([DecisionStepId.CheckQueries, DecisionStepId.AddCaching], advice.Done.Select(s => s.Step.Id).ToArray());
        Assert.Equal(StepStatus.NotIndicated, StatusOf(advice, DecisionStepId.ReadReplicas));
        Assert.Empty(advice.AlsoConsider);
    }

    [Theory]
    [InlineData(70, 0.99, StepStatus.NotIndicated)] // exactly at the levels: not past them
    [InlineData(70.1, 0.99, StepStatus.AppliesNow)]
    [InlineData(50, 0.989, StepStatus.AppliesNow)]
    public void VerticalScale_CpuAboveSeventyOrHitRatioBelow99(double cpu, double hitRatio, StepStatus expected)
    {
        var advice = DecisionPathAdvisor.Default.Advise(Healthy with { CpuSustained = Percent.Of(cpu), CacheHitRatio = Ratio.Of(hitRatio) });

        Assert.Equal(expected, StatusOf(advice, DecisionStepId.VerticalScale));
    }

    [Fact]
    public void VerticalScale_Evidence_NamesEachSignal()
    {
        var advice = DecisionPathAdvisor.Default.Advise(Healthy with { CpuSustained = Percent.Of(85), CacheHitRatio = Ratio.Of(0.9) });

        var current = advice.Current!;
        Assert.Equal(DecisionStepId.VerticalScale, current.Step.Id);
        Assert.Equal(["CpuSustained", "CacheHitRatio"], current.Evidence.Select(e => e.Signal).ToArray());
        Assert.Equal("CPU 85 % sustained (> 70 %)", current.Evidence[0].Finding);
        Assert.Equal((2, 4), (current.ExpectedGains!.ReadGain.Min, current.ExpectedGains.ReadGain.Max));
    }

    [Fact]
    public void NoCache_AppliesBeforeReplicas_ThenReplicasWhenReadHeavy()
    {
        var noCache = DecisionPathAdvisor.Default.Advise(Healthy with { CachePresent = false, ReadShare = Ratio.Of(0.85) });
        Assert.Equal(DecisionStepId.AddCaching, noCache.Current!.Step.Id);
        Assert.Equal(StepStatus.IndicatedLater, StatusOf(noCache, DecisionStepId.ReadReplicas));
        Assert.Equal(0.6, noCache.Current.Step.DbReadReduction!.Value.Min.Value);

        var withCache = DecisionPathAdvisor.Default.Advise(Healthy with { ReadShare = Ratio.Of(0.85) });
        Assert.Equal(DecisionStepId.ReadReplicas, withCache.Current!.Step.Id);
        Assert.Equal("85 % reads (read-heavy above 80 %)", withCache.Current.Evidence.Single().Finding);
    }

    [Theory]
    [InlineData(0.80, false, StepStatus.NotIndicated)]
    [InlineData(0.81, false, StepStatus.AppliesNow)]
    [InlineData(0.95, true, StepStatus.Done)]
    public void ReadReplicas_ReadHeavyMeansAboveEightyPercent(double readShare, bool replica, StepStatus expected)
    {
        var advice = DecisionPathAdvisor.Default.Advise(Healthy with { ReadShare = Ratio.Of(readShare), ReplicaPresent = replica });

        Assert.Equal(expected, StatusOf(advice, DecisionStepId.ReadReplicas));
    }

    [Theory]
    [InlineData(100_000_000, StepStatus.NotIndicated)]
    [InlineData(100_000_001, StepStatus.AppliesNow)]
    public void Partitioning_AboveOneHundredMillionRows(long rows, StepStatus expected)
    {
        var advice = DecisionPathAdvisor.Default.Advise(Healthy with { LargestTableRows = rows });

        Assert.Equal(expected, StatusOf(advice, DecisionStepId.PartitionTables));
    }

    [Theory]
    [InlineData(2, 5_000, StepStatus.AppliesNow)]
    [InlineData(2, 500, StepStatus.NotIndicated)] // big but not write-heavy
    [InlineData(0.5, 5_000, StepStatus.NotIndicated)] // write-heavy but under 1 TB
    public void Sharding_NeedsBothOverOneTerabyteAndHighWrites(double tebibytes, double writes, StepStatus expected)
    {
        var advice = DecisionPathAdvisor.Default.Advise(Healthy with
        {
            DatabaseSizeBytes = (long)(tebibytes * (1L << 40)),
            WritesPerSecond = writes,
        });

        Assert.Equal(expected, StatusOf(advice, DecisionStepId.Sharding));
    }

    [Fact]
    public void UnknownSignals_AreUnknownNotFine()
    {
        var advice = DecisionPathAdvisor.Default.Advise(new ScalingSignals { SlowQueriesPresent = false });

        Assert.Null(advice.Current);
        Assert.All(advice.Steps.Skip(1), s => Assert.Equal(StepStatus.Unknown, s.Status));
    }

    [Fact]
    public void ConnectionSaturation_AboveSeventy_SuggestsPoolingUnlessPooled()
    {
        var saturated = Healthy with { ConnectionSaturation = Percent.Of(85) };

        var advice = DecisionPathAdvisor.Default.Advise(saturated);
        var pooled = DecisionPathAdvisor.Default.Advise(saturated with { ConnectionPoolerPresent = true });

        var pooling = Assert.Single(advice.AlsoConsider);
        Assert.Equal(ScalingStrategyId.ConnectionPooling, pooling.Strategy.Id);
        Assert.Equal("ConnectionSaturation", pooling.Evidence.Single().Signal);
        Assert.Empty(pooled.AlsoConsider);
    }

    [Fact]
    public void Limits_AreConfigurable()
    {
        var strict = new DecisionPathAdvisor(AdviceLimits.Default with { ReadHeavyShare = 0.5 });

        Assert.Equal(DecisionStepId.ReadReplicas, strict.Advise(Healthy).Current!.Step.Id);
    }
}
