using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Jobs.Alerts;

/// <summary>
/// One ingest pass's readings (series, value, time, freshness) applied to the dashboard's own alerts: for every catalog metric and entity, a
/// Warning and a Critical rule (the levels and sustained-for window in force, as two Prometheus
/// alerting rules would be), each advanced by the Domain's <see cref="AlertStateMachine"/> from its
/// stored state. Pure: it changes the rows it is given and returns the rows to add.
/// <list type="bullet">
/// <item>A fresh value (Ok / Warning / Critical) is evaluated; a row is created only once its condition holds.</item>
/// <item>A Stale or NoData reading is a source problem, not a value: the alert keeps its state (it neither
///   fires nor resolves on a value nobody read) and is marked "source stale since T" with the reason.
///   A pending alert starts its sustained-for window again when values return: the gap was not observed.</item>
/// <item>An entity missing from a pass whose metric has fresh values elsewhere is a series that ended
///   (a host removed): "no value", which resolves it as an absent series does in Prometheus.</item>
/// </list>
/// </summary>
public static class GaugeAlerts
{
    /// <summary>How long an alert keeps firing after its condition stops holding: four ingest passes, so a value
    /// hovering at the level does not fire and resolve every 15 s.</summary>
    public static readonly TimeSpan KeepFiringFor = TimeSpan.FromMinutes(1);

    private static readonly ThresholdBreach[] Levels = [ThresholdBreach.Warning, ThresholdBreach.Critical];

    public static IReadOnlyList<AlertRow> Apply(
        IReadOnlyList<AlertRow> existing, IReadOnlyList<SeriesReading> readings, IReadOnlyList<MetricSettingRow> metrics, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(metrics);
        var now = clock.GetUtcNow();
        var rows = existing.Where(r => r.Source == AlertRow.DashboardSource)
            .ToDictionary(r => (r.Metric, r.Entity, r.Severity));
        var added = new List<AlertRow>();
        foreach (var metric in metrics)
        {
            var threshold = metric.ToThreshold();
            var series = readings.Where(r => r.Metric == metric.MetricId).ToList();
            var fresh = series.Where(r => r.IsFresh).ToList();
            foreach (var level in Levels)
            {
                var rule = new AlertRule(metric.MetricId, threshold, level, threshold.SustainedFor ?? TimeSpan.Zero, KeepFiringFor);
                var severity = AlertSeverities.FromLevel(level).ToString();
                foreach (var reading in fresh)
                {
                    if (!rows.TryGetValue((metric.MetricId, reading.Entity, severity), out var row))
                    {
                        if (!rule.IsMetBy(reading.Value))
                        {
                            continue;
                        }
                        row = NewRow(metric, reading.Entity, severity, now);
                        rows[(row.Metric, row.Entity, row.Severity)] = row;
                        added.Add(row);
                    }
                    Evaluate(row, rule, reading.Value, clock, now);
                    row.LastValue = reading.Value;
                    row.LastValueAt = reading.SampledAt;
                    row.Warning = threshold.Warning;
                    row.Critical = threshold.Critical;
                    row.Unit = metric.Unit;
                    row.Direction = metric.Direction;
                    row.SustainedForSeconds = metric.SustainedForSeconds ?? 0;
                }

                var seen = fresh.Select(r => r.Entity).ToHashSet(StringComparer.Ordinal);
                foreach (var row in rows.Values.Where(r => r.Metric == metric.MetricId && r.Severity == severity && r.IsOpen && !seen.Contains(r.Entity)))
                {
                    var problem = series.FirstOrDefault(r => r.Entity == row.Entity && !r.IsFresh)
                        ?? (fresh.Count == 0 ? series.FirstOrDefault(r => !r.IsFresh) : null);
                    if (problem is not null || fresh.Count == 0)
                    {
                        HoldStale(row, problem, now);
                    }
                    else
                    {
                        Evaluate(row, rule, null, clock, now);
                    }
                }
            }
        }
        return added;
    }

    private static void Evaluate(AlertRow row, AlertRule rule, double? value, TimeProvider clock, DateTimeOffset now)
    {
        if (row.LastEvaluatedAt > now)
        {
            return; // evaluated by a clock ahead of ours (another instance); its state stands
        }
        var snapshot = row.ToSnapshot();
        if (row.SourceStaleSince is not null && snapshot.State == AlertState.Pending)
        {
            // "Sustained" means observed to hold: a gap restarts the window instead of counting towards it.
            snapshot = new AlertStateSnapshot(AlertState.Inactive, null, null, null, null, snapshot.LastEvaluatedAt);
        }
        var machine = AlertStateMachine.Resume(rule, clock, snapshot);
        machine.Evaluate(value);
        row.Apply(machine.Snapshot(), now);
        row.SourceStaleSince = null;
        row.SourceStaleReason = null;
    }

    private static void HoldStale(AlertRow row, SeriesReading? reading, DateTimeOffset now)
    {
        row.SourceStaleSince ??= reading?.Since ?? now;
        row.SourceStaleReason = reading switch
        {
            { StaleReason: { Length: > 0 } reason } => reason,
            { Status: HealthStatus.NoData } => "no data: the query returned nothing",
            { Status: HealthStatus.Stale } => "the last value is too old to trust",
            _ => "no value for this series in the last pass",
        };
        row.UpdatedAt = now;
    }

    private static AlertRow NewRow(MetricSettingRow metric, string entity, string severity, DateTimeOffset now) => new()
    {
        Source = AlertRow.DashboardSource,
        Metric = metric.MetricId,
        Entity = entity,
        Severity = severity,
        State = nameof(AlertState.Inactive),
        Unit = metric.Unit,
        UpdatedAt = now,
    };
}
