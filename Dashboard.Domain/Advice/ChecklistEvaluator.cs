using Dashboard.Domain.Catalog;

namespace Dashboard.Domain.Advice;

/// <summary>
/// Settles checklist items: an automatic item whose signal is measured takes the measurement
/// (a measured "no" outranks a person's tick); otherwise a person's tick makes it done.
/// </summary>
public static class ChecklistEvaluator
{
    /// <summary>Every item's status, in catalog order.</summary>
    /// <param name="items">The checklist (usually <see cref="ChecklistCatalog.Items"/>).</param>
    /// <param name="signals">What is measured.</param>
    /// <param name="ticked">Ids of items a person has marked done.</param>
    public static IReadOnlyList<ChecklistResult> Evaluate(
        IEnumerable<ChecklistItem> items, ScalingSignals signals, IReadOnlySet<string> ticked)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(ticked);
        return [.. items.Select(item => Settle(item, signals, ticked))];
    }

    /// <summary>Done / total per phase, phases in order.</summary>
    /// <param name="results">Results from <see cref="Evaluate"/>.</param>
    public static IReadOnlyList<PhaseProgress> Progress(IEnumerable<ChecklistResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results
            .GroupBy(r => r.Item.Phase)
            .OrderBy(g => g.Key)
            .Select(g => new PhaseProgress(g.Key, g.Count(r => r.Status == ChecklistItemStatus.Done), g.Count()))];
    }

    private static ChecklistResult Settle(ChecklistItem item, ScalingSignals signals, IReadOnlySet<string> ticked)
    {
        if (item.AutoSignal is { } signal && Read(signal, signals) is { } measured)
        {
            return new(item, measured ? ChecklistItemStatus.Done : ChecklistItemStatus.NotDone, Measured: true);
        }

        return new(item, ticked.Contains(item.Id) ? ChecklistItemStatus.Done : ChecklistItemStatus.Open, Measured: false);
    }

    private static bool? Read(ChecklistSignal signal, ScalingSignals s) => signal switch
    {
        ChecklistSignal.MonitoringReachable => s.MonitoringReachable,
        ChecklistSignal.CiCdInUse => s.CiCdInUse,
        ChecklistSignal.ConnectionPoolerPresent => s.ConnectionPoolerPresent,
        ChecklistSignal.CachePresent => s.CachePresent,
        ChecklistSignal.BackgroundJobsRunning => s.BackgroundJobsRunning,
        ChecklistSignal.ReplicaPresent => s.ReplicaPresent,
        ChecklistSignal.PartitioningOrSharding => PartitioningOrSharding(s.PartitioningInUse, s.ShardingInUse),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown checklist signal."),
    };

    /// <summary>"Partitioning or sharding": yes when either is, no only when both are measured as no.</summary>
    internal static bool? PartitioningOrSharding(bool? partitioning, bool? sharding) =>
        partitioning == true || sharding == true ? true
        : partitioning is null || sharding is null ? null
        : false;
}
