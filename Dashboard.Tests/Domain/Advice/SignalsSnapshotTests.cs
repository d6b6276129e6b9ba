using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;

namespace Dashboard.Tests.Domain.Advice;

/// <summary>The signals snapshot: per-database facts combined, and the same value handed to every rule.</summary>
public sealed class SignalsSnapshotTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static SignalFact<bool> Yes(string why) => new(true, why, Now);

    private static SignalFact<bool> No(string why) => new(false, why, Now);

    private static SignalFact<bool> Unknown(string why) => SignalFact.Unknown<bool>(why);

    private static SignalsSnapshot Snapshot(SignalFact<bool>? cache = null, params DatabaseFacts[] databases) => new()
    {
        TakenAt = Now,
        Monitoring = Yes("Prometheus answered"),
        CiCd = Unknown("no pipeline connected"),
        ConnectionPooler = Unknown("not visible"),
        Cache = cache ?? Yes("Redis answers"),
        BackgroundJobs = Unknown("no queue metrics"),
        Sharding = Unknown("not visible"),
        Kubernetes = Unknown("no orchestrator"),
        AppInstances = SignalFact.Unknown<int>("not read"),
        ActiveUsers = new SignalFact<long>(5_000, "the business profile"),
        Databases = databases,
    };

    [Fact]
    public void Combine_AnyDatabaseWithIt_YesWithItsEvidence()
    {
        var fact = SignalsSnapshot.Combine([No("no standby of a"), Yes("standby r1 of b"), Unknown("c failed")], "none");

        Assert.True(fact.Value);
        Assert.Equal("standby r1 of b", fact.Provenance);
    }

    [Fact]
    public void Combine_MeasuredWithoutIt_NoEvenIfAnotherIsUnknown()
    {
        var fact = SignalsSnapshot.Combine([Unknown("c failed"), No("no standby of a")], "none");

        Assert.False(fact.Value);
        Assert.Equal("no standby of a", fact.Provenance);
    }

    [Fact]
    public void Combine_NothingMeasured_UnknownWithEveryReason()
    {
        Assert.Equal("a failed; b failed", SignalsSnapshot.Combine([Unknown("a failed"), Unknown("b failed")], "none").Provenance);
        Assert.Equal(SignalFact.Unknown<bool>("no database"), SignalsSnapshot.Combine([], "no database"));
    }

    [Fact]
    public void ForDatabase_TakesTheSnapshotsFactsOverTheDatabasesOwn()
    {
        var snapshot = Snapshot(Yes("Redis answers"), new DatabaseFacts("shop", Yes("standby r1"), No("no partitioned table")));
        var measured = new ScalingSignals { SlowQueriesPresent = true, ReplicaPresent = false, PartitioningInUse = true, CachePresent = false };

        var signals = snapshot.ForDatabase("shop", measured);

        Assert.True(signals.SlowQueriesPresent);
        Assert.True(signals.ReplicaPresent);
        Assert.False(signals.PartitioningInUse);
        Assert.True(signals.CachePresent);
        Assert.Null(signals.ConnectionPoolerPresent);
    }

    [Fact]
    public void Database_NotMonitored_UnknownWithTheReason()
    {
        var facts = Snapshot().Database("other");

        Assert.Null(facts.Replica.Value);
        Assert.Contains("other", facts.Partitioning.Provenance);
    }

    [Theory]
    [InlineData(true, ChecklistItemStatus.Done, StepStatus.Done, false)]
    [InlineData(false, ChecklistItemStatus.NotDone, StepStatus.AppliesNow, true)]
    public void CacheFact_ChecklistMistakesAndDecisionPathAgree(bool cache, ChecklistItemStatus item, StepStatus step, bool mistake)
    {
        var snapshot = Snapshot(cache ? Yes("Redis answers") : No("no Redis configured"));
        var signals = snapshot.ToScalingSignals();

        var checklist = ChecklistEvaluator.Evaluate(ChecklistCatalog.Items, signals, new HashSet<string>()).Single(r => r.Item.AutoSignal == ChecklistSignal.CachePresent);
        var found = ScalingMistakeDetector.Detect(signals, GrowthStageCatalog.Default);
        var path = DecisionPathAdvisor.Default.Advise(snapshot.ForDatabase("shop", new ScalingSignals { SlowQueriesPresent = false }));

        Assert.Equal(item, checklist.Status);
        Assert.Equal(mistake, found.Any(m => m.Id == ScalingMistakeId.NoCacheLayer));
        Assert.True(ScalingMistakeDetector.Check(signals).Single(c => c.Id == ScalingMistakeId.NoCacheLayer).IsChecked);
        Assert.Equal(step, path.Steps.Single(s => s.Step.Id == DecisionStepId.AddCaching).Status);
    }

    [Fact]
    public void PartitioningOrSharding_NoPartitionsShardingUnknown_UnknownButStatesBoth()
    {
        var snapshot = Snapshot(null, new DatabaseFacts("shop", Yes("standby r1"), No("no partitioned table in shop")));

        var fact = snapshot.For(ChecklistSignal.PartitioningOrSharding);

        Assert.Null(fact.Value);
        Assert.Equal("partitioned tables: no (no partitioned table in shop); sharding: unknown (not visible)", fact.Provenance);
    }

    [Fact]
    public void Listing_EverySignalOnceWithVerdictWords()
    {
        var listing = Snapshot(No("no Redis configured"), new DatabaseFacts("shop", Yes("standby r1"), Unknown("sizes failed"))).Listing();

        Assert.Equal(listing.Count, listing.Select(l => l.Signal).Distinct().Count());
        var byName = listing.ToDictionary(l => l.Signal);
        Assert.Equal("no", byName[nameof(ScalingSignals.CachePresent)].Value);
        Assert.Equal("yes", byName[nameof(ScalingSignals.ReplicaPresent)].Value);
        Assert.Equal(("unknown", false), (byName[nameof(ScalingSignals.PartitioningInUse)].Value, byName[nameof(ScalingSignals.PartitioningInUse)].Known));
        Assert.Equal("5,000", byName[nameof(ScalingSignals.ActiveUsers)].Value);
    }
}
