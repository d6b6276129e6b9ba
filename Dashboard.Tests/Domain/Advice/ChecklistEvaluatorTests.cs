using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;

namespace Dashboard.Tests.Domain.Advice;

public class ChecklistEvaluatorTests
{
    private static readonly HashSet<string> NoTicks = [];

    private static ChecklistResult Result(ScalingSignals signals, string id, IReadOnlySet<string>? ticked = null) =>
        ChecklistEvaluator.Evaluate(ChecklistCatalog.Items, signals, ticked ?? NoTicks).Single(r => r.Item.Id == id);

    [Theory]
    [InlineData(ChecklistPhase.Foundation, 7, 3)]
    [InlineData(ChecklistPhase.GrowthReady, 7, 3)]
    [InlineData(ChecklistPhase.Scale, 7, 0)]
    [InlineData(ChecklistPhase.AtScale, 7, 1)]
    public void Catalog_EachPhaseHasSevenItems_WithTheAutomaticOnes(ChecklistPhase phase, int items, int automatic)
    {
        var inPhase = ChecklistCatalog.Items.Where(i => i.Phase == phase).ToList();

        Assert.Equal(items, inPhase.Count);
        Assert.Equal(automatic, inPhase.Count(i => i.IsAutomatic));
        Assert.True(ChecklistCatalog.PhaseTitles.ContainsKey(phase));
    }

    [Fact]
    public void Catalog_IdsAreUnique()
    {
        Assert.Equal(ChecklistCatalog.Items.Count, ChecklistCatalog.Items.Select(i => i.Id).Distinct().Count());
    }

    [Theory]
    [InlineData("read_replica")]
    [InlineData("redis_cache")]
    [InlineData("background_jobs")]
    [InlineData("basic_monitoring")]
    public void AutomaticItem_SignalDecides(string id)
    {
        var yes = new ScalingSignals { ReplicaPresent = true, CachePresent = true, BackgroundJobsRunning = true, MonitoringReachable = true };
        var no = new ScalingSignals { ReplicaPresent = false, CachePresent = false, BackgroundJobsRunning = false, MonitoringReachable = false };

        Assert.Equal(ChecklistItemStatus.Done, Result(yes, id).Status);
        Assert.Equal(ChecklistItemStatus.NotDone, Result(no, id).Status);
        Assert.True(Result(no, id).Measured);
    }

    [Fact]
    public void MeasuredNo_OutranksATick_UnknownSignalFallsBackToTheTick()
    {
        var ticked = new HashSet<string> { "read_replica" };

        Assert.Equal(ChecklistItemStatus.NotDone, Result(new ScalingSignals { ReplicaPresent = false }, "read_replica", ticked).Status);
        var fallback = Result(new ScalingSignals(), "read_replica", ticked);
        Assert.Equal(ChecklistItemStatus.Done, fallback.Status);
        Assert.False(fallback.Measured);
        Assert.Equal(ChecklistItemStatus.Open, Result(new ScalingSignals(), "read_replica").Status);
    }

    [Theory]
    [InlineData(true, null, ChecklistItemStatus.Done)]
    [InlineData(null, true, ChecklistItemStatus.Done)]
    [InlineData(false, false, ChecklistItemStatus.NotDone)]
    [InlineData(false, null, ChecklistItemStatus.Open)]
    public void PartitioningOrSharding_EitherCounts(bool? partitioned, bool? sharded, ChecklistItemStatus expected)
    {
        var signals = new ScalingSignals { PartitioningInUse = partitioned, ShardingInUse = sharded };

        Assert.Equal(expected, Result(signals, "partitioning_sharding").Status);
    }

    [Fact]
    public void Progress_CountsDonePerPhase()
    {
        var signals = new ScalingSignals { MonitoringReachable = true, CiCdInUse = true, CachePresent = false };
        var ticked = new HashSet<string> { "https_security_headers", "multi_az", "redis_cache" };

        var progress = ChecklistEvaluator.Progress(ChecklistEvaluator.Evaluate(ChecklistCatalog.Items, signals, ticked));

        Assert.Equal(
            [
                new PhaseProgress(ChecklistPhase.Foundation, 3, 7),
                new PhaseProgress(ChecklistPhase.GrowthReady, 0, 7),
                new PhaseProgress(ChecklistPhase.Scale, 1, 7),
                new PhaseProgress(ChecklistPhase.AtScale, 0, 7),
            ],
            progress);
        Assert.Equal(100.0 * 3 / 7, progress[0].Percent, 9);
        Assert.Equal(0, new PhaseProgress(ChecklistPhase.Scale, 0, 0).Percent);
    }
}
