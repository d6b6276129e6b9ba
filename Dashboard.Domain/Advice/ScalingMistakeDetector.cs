using System.Globalization;
using Dashboard.Domain.Catalog;

namespace Dashboard.Domain.Advice;

/// <summary>
/// The common-mistakes table as rules over <see cref="ScalingSignals"/> and the growth stage.
/// A rule fires only on known signals; an unknown signal never accuses.
/// Stage cut-offs: sharding is premature before the Scale stage (10K users, where "sharding prep"
/// begins); Kubernetes is premature in MVP and Early traction (seed); a cache is expected from Early
/// traction ("add caching"); redundancy is expected from Growth (1K users, "read replicas"), since
/// MVP's strategy is a single server.
/// </summary>
public static class ScalingMistakeDetector
{
    // The chapter's table, in its order: the mistake and what to do instead.
    private static readonly IReadOnlyDictionary<ScalingMistakeId, (string Mistake, string Instead)> Table =
        new Dictionary<ScalingMistakeId, (string Mistake, string Instead)>
        {
            [ScalingMistakeId.ShardingTooEarly] = ("Sharding at ~1K users", "A bigger managed DB instance"),
            [ScalingMistakeId.NoCacheLayer] = ("No caching layer", "Cache: most data tolerates 5-30 s staleness"),
            [ScalingMistakeId.KubernetesAtSeedStage] = ("Kubernetes at seed stage", "A PaaS"),
            [ScalingMistakeId.NoMonitoring] = ("No monitoring until an outage", "Basic monitoring on day one"),
            [ScalingMistakeId.ManualDeployments] = ("Manual deployments", "CI/CD"),
            [ScalingMistakeId.SinglePointOfFailure] = ("Single point of failure", "Redundancy for DB and critical services"),
        };

    /// <summary>The mistakes the signals show, in the table's order.</summary>
    /// <param name="signals">What is known about the deployment.</param>
    /// <param name="stages">The stage table (usually <see cref="GrowthStageCatalog.Default"/>).</param>
    public static IReadOnlyList<ScalingMistake> Detect(ScalingSignals signals, GrowthStageCatalog stages)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(stages);
        var stage = signals.ActiveUsers is { } users ? stages.StageFor(users).Id : (GrowthStageId?)null;
        var stageEvidence = new Evidence(
            "ActiveUsers",
            signals.ActiveUsers is { } u ? $"{u.ToString("#,0", CultureInfo.InvariantCulture)} active users ({stage})" : "unknown");
        var found = new List<ScalingMistake>();

        if (signals.ShardingInUse == true && stage < GrowthStageId.Scale)
        {
            found.Add(Found(ScalingMistakeId.ShardingTooEarly,
                [new("ShardingInUse", "data is sharded"), stageEvidence]));
        }

        if (signals.CachePresent == false && stage >= GrowthStageId.EarlyTraction)
        {
            found.Add(Found(ScalingMistakeId.NoCacheLayer,
                [new("CachePresent", "no cache layer"), stageEvidence]));
        }

        if (signals.KubernetesInUse == true && stage <= GrowthStageId.EarlyTraction)
        {
            found.Add(Found(ScalingMistakeId.KubernetesAtSeedStage,
                [new("KubernetesInUse", "runs on Kubernetes"), stageEvidence]));
        }

        if (signals.MonitoringReachable == false)
        {
            found.Add(Found(ScalingMistakeId.NoMonitoring,
                [new("MonitoringReachable", "no monitoring answers")]));
        }

        if (signals.CiCdInUse == false)
        {
            found.Add(Found(ScalingMistakeId.ManualDeployments,
                [new("CiCdInUse", "deployments are manual")]));
        }

        var spofs = SinglePoints(signals);
        if (spofs.Count > 0 && stage >= GrowthStageId.Growth)
        {
            found.Add(Found(ScalingMistakeId.SinglePointOfFailure,
                [.. spofs, stageEvidence]));
        }

        return found;
    }

    /// <summary>
    /// For every mistake of the table, whether the signals can settle it, and which unknown signals
    /// keep it from being checked. A mistake that is not checked is neither found nor ruled out.
    /// </summary>
    /// <param name="signals">What is known about the deployment.</param>
    public static IReadOnlyList<ScalingMistakeCheck> Check(ScalingSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        return [.. Enum.GetValues<ScalingMistakeId>().Select(id => new ScalingMistakeCheck(id, Table[id].Mistake, Table[id].Instead, Unknown(id, signals)))];
    }

    /// <summary>
    /// The unknown signals that keep <paramref name="id"/> from being settled (empty: it is). A known,
    /// healthy signal settles a stage rule without the stage; a known, bad one needs the users too.
    /// </summary>
    private static List<string> Unknown(ScalingMistakeId id, ScalingSignals s)
    {
        const string users = nameof(ScalingSignals.ActiveUsers);
        var usersUnknown = s.ActiveUsers is null;
        return id switch
        {
            ScalingMistakeId.ShardingTooEarly => StageRule(s.ShardingInUse, true, nameof(ScalingSignals.ShardingInUse)),
            ScalingMistakeId.NoCacheLayer => StageRule(s.CachePresent, false, nameof(ScalingSignals.CachePresent)),
            ScalingMistakeId.KubernetesAtSeedStage => StageRule(s.KubernetesInUse, true, nameof(ScalingSignals.KubernetesInUse)),
            ScalingMistakeId.NoMonitoring => s.MonitoringReachable is null ? [nameof(ScalingSignals.MonitoringReachable)] : [],
            ScalingMistakeId.ManualDeployments => s.CiCdInUse is null ? [nameof(ScalingSignals.CiCdInUse)] : [],
            ScalingMistakeId.SinglePointOfFailure => SinglePoints(s).Count > 0
                ? (usersUnknown ? [users] : [])
                : [.. new[]
                {
                    s.ReplicaPresent is null ? nameof(ScalingSignals.ReplicaPresent) : null,
                    s.AppInstances is null ? nameof(ScalingSignals.AppInstances) : null,
                }.OfType<string>()],
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not a mistake of the table"),
        };

        List<string> StageRule(bool? signal, bool bad, string name) =>
            signal is null ? [name] : signal == bad && usersUnknown ? [users] : [];
    }

    private static ScalingMistake Found(ScalingMistakeId id, IReadOnlyList<Evidence> evidence) =>
        new(id, Table[id].Mistake, Table[id].Instead, evidence);

    private static List<Evidence> SinglePoints(ScalingSignals signals)
    {
        var evidence = new List<Evidence>();
        if (signals.ReplicaPresent == false)
        {
            evidence.Add(new("ReplicaPresent", "one database, no replica"));
        }

        if (signals.AppInstances is 1)
        {
            evidence.Add(new("AppInstances", "one application instance"));
        }

        return evidence;
    }
}
