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
            found.Add(new(ScalingMistakeId.ShardingTooEarly, "Sharding at ~1K users", "A bigger managed DB instance",
                [new("ShardingInUse", "data is sharded"), stageEvidence]));
        }

        if (signals.CachePresent == false && stage >= GrowthStageId.EarlyTraction)
        {
            found.Add(new(ScalingMistakeId.NoCacheLayer, "No caching layer", "Cache: most data tolerates 5-30 s staleness",
                [new("CachePresent", "no cache layer"), stageEvidence]));
        }

        if (signals.KubernetesInUse == true && stage <= GrowthStageId.EarlyTraction)
        {
            found.Add(new(ScalingMistakeId.KubernetesAtSeedStage, "Kubernetes at seed stage", "A PaaS",
                [new("KubernetesInUse", "runs on Kubernetes"), stageEvidence]));
        }

        if (signals.MonitoringReachable == false)
        {
            found.Add(new(ScalingMistakeId.NoMonitoring, "No monitoring until an outage", "Basic monitoring on day one",
                [new("MonitoringReachable", "no monitoring answers")]));
        }

        if (signals.CiCdInUse == false)
        {
            found.Add(new(ScalingMistakeId.ManualDeployments, "Manual deployments", "CI/CD",
                [new("CiCdInUse", "deployments are manual")]));
        }

        var spofs = SinglePoints(signals);
        if (spofs.Count > 0 && stage >= GrowthStageId.Growth)
        {
            found.Add(new(ScalingMistakeId.SinglePointOfFailure, "Single point of failure", "Redundancy for DB and critical services",
                [.. spofs, stageEvidence]));
        }

        return found;
    }

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
