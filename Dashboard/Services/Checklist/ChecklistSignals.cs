using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;

namespace Dashboard.Services.Checklist;

/// <summary>The measured signals for the Domain evaluator, and each checklist signal's evidence in words.</summary>
public sealed record ChecklistSignals(ScalingSignals Signals, IReadOnlyDictionary<ChecklistSignal, SignalReading> Readings)
{
    /// <summary>Builds both from one reading per signal (every <see cref="ChecklistSignal"/> must have one).</summary>
    public static ChecklistSignals From(IReadOnlyDictionary<ChecklistSignal, SignalReading> readings)
    {
        bool? Value(ChecklistSignal signal) => readings.TryGetValue(signal, out var r) ? r.Value : null;
        var signals = new ScalingSignals
        {
            MonitoringReachable = Value(ChecklistSignal.MonitoringReachable),
            CiCdInUse = Value(ChecklistSignal.CiCdInUse),
            ConnectionPoolerPresent = Value(ChecklistSignal.ConnectionPoolerPresent),
            CachePresent = Value(ChecklistSignal.CachePresent),
            BackgroundJobsRunning = Value(ChecklistSignal.BackgroundJobsRunning),
            ReplicaPresent = Value(ChecklistSignal.ReplicaPresent),
            // Sharding is not measured here; partitioning alone can only settle the item as done.
            PartitioningInUse = Value(ChecklistSignal.PartitioningOrSharding),
        };
        return new ChecklistSignals(signals, readings);
    }
}
