using System.Text.RegularExpressions;
using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Services;
using Dashboard.Services.Checklist;
using Dashboard.Services.DatabaseHealth;
using Dashboard.Services.Signals;
using static Dashboard.Tests.Web.Snapshots;

namespace Dashboard.Tests.Web;

/// <summary>
/// One signals snapshot, three consumers: the checklist's evidence, the owner's scaling mistakes and
/// the engineer's decision path must state the same verdict (yes, no, unknown) for the cache, the
/// replica, partitioning and pooling, and the decision path's steps must follow it.
/// </summary>
public sealed partial class SignalsAgreementTests
{
    private const string Target = "shop";

    /// <summary>The signals every consumer speaks about.</summary>
    private static readonly string[] Compared =
    [
        nameof(ScalingSignals.CachePresent), nameof(ScalingSignals.ReplicaPresent),
        nameof(ScalingSignals.PartitioningInUse), nameof(ScalingSignals.ConnectionPoolerPresent),
    ];

    public enum Scenario
    {
        AllInPlace,
        NoneInPlace,
        NothingMeasured,
        NoSnapshotYet,
    }

    private static (SignalsSnapshot Shared, PostgresStatsSnapshot? Database) Make(Scenario scenario)
    {
        var failed = PostgresPanel.Failed<ReplicationPanel>(PanelProblemKind.PermissionDenied, "grant pg_monitor to see pg_stat_replication");
        return scenario switch
        {
            Scenario.AllInPlace => With(Of(partitioned: 3), SignalEvidence.Cache(true, "Healthy", "ping 0.4 ms", Now)),
            Scenario.NoneInPlace => With(Of(partitioned: 0) with { Replication = PostgresPanel.Ok(new ReplicationPanel(false, [], null)) },
                SignalEvidence.Cache(false, null, null, Now)),
            Scenario.NothingMeasured => With(Of() with
            {
                Replication = failed,
                Sizes = PostgresPanel.Failed<SizesPanel>(PanelProblemKind.Error, "statement timeout"),
            }, SignalEvidence.Cache(true, "Unhealthy", "Redis unreachable: timeout", Now)),
            _ => With(null, SignalEvidence.Cache(true, null, null, null)),
        };

        static (SignalsSnapshot, PostgresStatsSnapshot?) With(PostgresStatsSnapshot? database, SignalFact<bool> cache) =>
            (Shared(database, Target, cache), database);
    }

    public static TheoryData<Scenario, SignalVerdict, SignalVerdict, SignalVerdict> Scenarios => new()
    {
        // cache, replica, partitioning (pooling is not measured by anything: always unknown).
        { Scenario.AllInPlace, SignalVerdict.Yes, SignalVerdict.Yes, SignalVerdict.Yes },
        { Scenario.NoneInPlace, SignalVerdict.No, SignalVerdict.No, SignalVerdict.No },
        { Scenario.NothingMeasured, SignalVerdict.Unknown, SignalVerdict.Unknown, SignalVerdict.Unknown },
        { Scenario.NoSnapshotYet, SignalVerdict.Unknown, SignalVerdict.Unknown, SignalVerdict.Unknown },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void OneSnapshot_ChecklistOwnerAndDecisionPath_StateTheSameVerdicts(Scenario scenario, SignalVerdict cache, SignalVerdict replica, SignalVerdict partitioning)
    {
        var (shared, database) = Make(scenario);
        var expected = new Dictionary<string, SignalVerdict>
        {
            [nameof(ScalingSignals.CachePresent)] = cache,
            [nameof(ScalingSignals.ReplicaPresent)] = replica,
            [nameof(ScalingSignals.PartitioningInUse)] = partitioning,
            [nameof(ScalingSignals.ConnectionPoolerPresent)] = SignalVerdict.Unknown,
        };

        var checklist = Checklist(shared);
        var owner = Owner(shared);
        var engineer = DecisionPath(shared, database);

        foreach (var (signal, verdict) in expected)
        {
            Assert.True(verdict == checklist[signal], $"checklist says {checklist[signal]} for {signal}, expected {verdict}");
            Assert.True(verdict == owner[signal], $"owner mistakes say {owner[signal]} for {signal}, expected {verdict}");
            Assert.True(verdict == engineer.Verdicts[signal], $"decision path says {engineer.Verdicts[signal]} for {signal}, expected {verdict}");
        }
        // The steps follow the same verdicts: a measured cache, replica or partitioning is a done step.
        Assert.Equal(cache == SignalVerdict.Yes, engineer.Steps[DecisionStepId.AddCaching] == StepStatus.Done);
        Assert.Equal(cache == SignalVerdict.Unknown, engineer.Steps[DecisionStepId.AddCaching] == StepStatus.Unknown);
        Assert.Equal(replica == SignalVerdict.Yes, engineer.Steps[DecisionStepId.ReadReplicas] == StepStatus.Done);
        Assert.Equal(partitioning == SignalVerdict.Yes, engineer.Steps[DecisionStepId.PartitionTables] == StepStatus.Done);
    }

    [Fact]
    public void OneSnapshot_TheSameProvenanceWordsEverywhere()
    {
        var (shared, database) = Make(Scenario.AllInPlace);

        var cacheItem = ChecklistService.Build(shared, [], Now).Items.Single(i => i.Id == "redis_cache");
        var ownerCache = BusinessSummaryService.Mistakes(shared).Signals.Single(s => s.Signal == nameof(ScalingSignals.CachePresent));
        var (_, views) = DatabaseSignals.Read(Target, database, TargetState.Live, null, "no CPU samples", AdviceLimits.Default, shared);
        var engineerCache = views.Single(v => v.Signal == nameof(ScalingSignals.CachePresent));

        Assert.Equal(shared.Cache.Provenance, cacheItem.Evidence);
        Assert.Equal(shared.Cache.Provenance, ownerCache.Source);
        Assert.Equal(shared.Cache.Provenance, engineerCache.Source);
        Assert.StartsWith("Redis answers (ping 0.4 ms)", shared.Cache.Provenance);
    }

    [Fact]
    public void CacheMeasured_OwnerChecksTheCachingMistake()
    {
        var (shared, _) = Make(Scenario.AllInPlace);
        var withUsers = shared with { ActiveUsers = new SignalFact<long>(5_000, "the business profile") };

        var mistakes = BusinessSummaryService.Mistakes(withUsers);

        Assert.DoesNotContain(mistakes.NotChecked, m => m.Id == nameof(ScalingMistakeId.NoCacheLayer));
        Assert.DoesNotContain(mistakes.Detected, m => m.Id == nameof(ScalingMistakeId.NoCacheLayer));
        Assert.Equal(mistakes.Total - mistakes.NotChecked.Count, mistakes.Checked);
    }

    private static Dictionary<string, SignalVerdict> Checklist(SignalsSnapshot shared)
    {
        var items = ChecklistService.Build(shared, [], Now).Items.ToDictionary(i => i.Id);
        static SignalVerdict Of(ChecklistItemView item) => item.State switch
        {
            ChecklistItemState.Done => SignalVerdict.Yes,
            ChecklistItemState.NotDone => SignalVerdict.No,
            _ => SignalVerdict.Unknown,
        };
        // "Partitioning or sharding" is one item: its evidence states the partitioning verdict on its own.
        var partitioning = items["partitioning_sharding"];
        var words = PartitionedWords().Match(partitioning.Evidence ?? "");
        Assert.True(words.Success, $"the partitioning item's evidence names no verdict: {partitioning.Evidence}");
        return new()
        {
            [nameof(ScalingSignals.CachePresent)] = Of(items["redis_cache"]),
            [nameof(ScalingSignals.ReplicaPresent)] = Of(items["read_replica"]),
            [nameof(ScalingSignals.ConnectionPoolerPresent)] = Of(items["db_connection_pooling"]),
            [nameof(ScalingSignals.PartitioningInUse)] = Word(words.Groups[1].Value),
        };
    }

    private static Dictionary<string, SignalVerdict> Owner(SignalsSnapshot shared) =>
        BusinessSummaryService.Mistakes(shared).Signals.Where(s => Compared.Contains(s.Signal)).ToDictionary(s => s.Signal, s => Word(s.Value));

    private static (Dictionary<string, SignalVerdict> Verdicts, Dictionary<DecisionStepId, StepStatus> Steps) DecisionPath(SignalsSnapshot shared, PostgresStatsSnapshot? database)
    {
        var state = database is null ? TargetState.NoData : TargetState.Live;
        var (signals, views) = DatabaseSignals.Read(Target, database, state, null, "no CPU samples", AdviceLimits.Default, shared);
        var advice = DecisionPathAdvisor.Default.Advise(signals);
        return (views.Where(v => Compared.Contains(v.Signal)).ToDictionary(v => v.Signal, v => Word(v.Value)), advice.Steps.ToDictionary(s => s.Step.Id, s => s.Status));
    }

    private static SignalVerdict Word(string word) => word switch
    {
        "yes" => SignalVerdict.Yes,
        "no" => SignalVerdict.No,
        "unknown" => SignalVerdict.Unknown,
        _ => throw new Xunit.Sdk.XunitException($"'{word}' is not a verdict word"),
    };

    [GeneratedRegex("partitioned tables: (yes|no|unknown)")]
    private static partial Regex PartitionedWords();
}
