using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;

namespace Dashboard.Tests.Domain.Advice;

public class ScalingMistakeDetectorTests
{
    private static IReadOnlyList<ScalingMistake> Detect(ScalingSignals signals) =>
        ScalingMistakeDetector.Detect(signals, GrowthStageCatalog.Default);

    private static ScalingMistakeId[] Ids(ScalingSignals signals) => [.. Detect(signals).Select(m => m.Id)];

    [Theory]
    [InlineData(1_000, true)]
    [InlineData(9_999, true)]
    [InlineData(10_000, false)]
    public void Sharding_BeforeTheScaleStage_IsAMistake(long users, bool expected)
    {
        var ids = Ids(new ScalingSignals { ShardingInUse = true, ActiveUsers = users });

        Assert.Equal(expected, ids.Contains(ScalingMistakeId.ShardingTooEarly));
    }

    [Fact]
    public void ShardingAtOneThousandUsers_SaysBiggerManagedInstanceInstead()
    {
        var mistake = Assert.Single(Detect(new ScalingSignals { ShardingInUse = true, ActiveUsers = 1_000 }));

        Assert.Equal("A bigger managed DB instance", mistake.Instead);
        Assert.Equal(["ShardingInUse", "ActiveUsers"], mistake.Evidence.Select(e => e.Signal).ToArray());
        Assert.Equal("1,000 active users (Growth)", mistake.Evidence[1].Finding);
    }

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, true)]
    public void NoCache_FromEarlyTraction_IsAMistake(long users, bool expected)
    {
        var ids = Ids(new ScalingSignals { CachePresent = false, ActiveUsers = users });

        Assert.Equal(expected, ids.Contains(ScalingMistakeId.NoCacheLayer));
    }

    [Theory]
    [InlineData(999, true)]
    [InlineData(1_000, false)]
    public void Kubernetes_AtSeedStage_IsAMistake(long users, bool expected)
    {
        var mistakes = Detect(new ScalingSignals { KubernetesInUse = true, ActiveUsers = users });

        Assert.Equal(expected, mistakes.Any(m => m.Id == ScalingMistakeId.KubernetesAtSeedStage && m.Instead == "A PaaS"));
    }

    [Fact]
    public void NoMonitoringAndManualDeploys_AreMistakesAtAnyStage()
    {
        var mistakes = Detect(new ScalingSignals { MonitoringReachable = false, CiCdInUse = false });

        Assert.Equal([ScalingMistakeId.NoMonitoring, ScalingMistakeId.ManualDeployments], mistakes.Select(m => m.Id).ToArray());
        Assert.Equal("Basic monitoring on day one", mistakes[0].Instead);
        Assert.Equal("CI/CD", mistakes[1].Instead);
    }

    [Theory]
    [InlineData(999, false, 1, false)] // MVP/early: a single server is the strategy
    [InlineData(1_000, false, 3, true)]
    [InlineData(1_000, true, 1, true)]
    [InlineData(1_000, true, 2, false)]
    public void SinglePointOfFailure_FromGrowthStage(long users, bool replica, int instances, bool expected)
    {
        var ids = Ids(new ScalingSignals { ReplicaPresent = replica, AppInstances = instances, ActiveUsers = users });

        Assert.Equal(expected, ids.Contains(ScalingMistakeId.SinglePointOfFailure));
    }

    [Fact]
    public void UnknownSignals_AccuseNothing()
    {
        Assert.Empty(Detect(new ScalingSignals()));
        Assert.Empty(Detect(new ScalingSignals { ShardingInUse = true, CachePresent = false, KubernetesInUse = true }));
    }

    [Fact]
    public void Check_NothingKnown_EveryMistakeUncheckedNamingItsSignals()
    {
        var checks = ScalingMistakeDetector.Check(new ScalingSignals());

        Assert.Equal(Enum.GetValues<ScalingMistakeId>(), checks.Select(c => c.Id).ToArray());
        Assert.All(checks, c => Assert.False(c.IsChecked));
        Assert.Equal(["CachePresent"], checks.Single(c => c.Id == ScalingMistakeId.NoCacheLayer).UnknownSignals);
        Assert.Equal(["ReplicaPresent", "AppInstances"], checks.Single(c => c.Id == ScalingMistakeId.SinglePointOfFailure).UnknownSignals);
        Assert.Equal("CI/CD", checks.Single(c => c.Id == ScalingMistakeId.ManualDeployments).Instead);
    }

    [Fact]
    public void Check_BadSignalWithoutUsers_NeedsTheUsers()
    {
        var checks = ScalingMistakeDetector.Check(new ScalingSignals { CachePresent = false, ReplicaPresent = false });

        Assert.Equal(["ActiveUsers"], checks.Single(c => c.Id == ScalingMistakeId.NoCacheLayer).UnknownSignals);
        Assert.Equal(["ActiveUsers"], checks.Single(c => c.Id == ScalingMistakeId.SinglePointOfFailure).UnknownSignals);
    }

    [Fact]
    public void Check_HealthySignalsWithoutUsers_Settled()
    {
        var signals = new ScalingSignals { ShardingInUse = false, CachePresent = true, KubernetesInUse = false, MonitoringReachable = true, CiCdInUse = true, ReplicaPresent = true, AppInstances = 2 };

        Assert.All(ScalingMistakeDetector.Check(signals), c => Assert.True(c.IsChecked, c.Id.ToString()));
        Assert.Empty(Detect(signals));
    }

    [Fact]
    public void Check_ReplicaKnownButInstancesUnknown_SinglePointNotRuledOut()
    {
        var spof = ScalingMistakeDetector.Check(new ScalingSignals { ReplicaPresent = true, ActiveUsers = 2_400 })
            .Single(c => c.Id == ScalingMistakeId.SinglePointOfFailure);

        Assert.Equal(["AppInstances"], spof.UnknownSignals);
    }
}
