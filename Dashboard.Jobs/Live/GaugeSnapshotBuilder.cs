using Dashboard.Domain.Health;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Jobs.Live;

/// <summary>
/// Turns one ingest pass into readings: each catalog metric's values per entity, judged by the
/// Domain against the thresholds in force, continuing the stored state of each series (its "since",
/// its last good value). A failing source gives Stale readings that keep their last value for context
/// and carry the source's error; a query with no result gives NoData. <see cref="Display"/> makes the
/// gauges clients are sent from those readings.
/// </summary>
public sealed class GaugeSnapshotBuilder(TimeProvider time)
{
    /// <param name="metrics">The thresholds in force (metric_settings rows).</param>
    /// <param name="observations">This pass's values, by metric id.</param>
    /// <param name="failures">Why a metric could not be read (source down or a bad expression), by metric id.</param>
    /// <param name="previous">The stored state of every series (series_state), for "since" and for the last value of stale series.</param>
    public IReadOnlyList<SeriesReading> Read(
        IReadOnlyList<MetricSettingRow> metrics,
        IReadOnlyDictionary<string, List<Observation>> observations,
        IReadOnlyDictionary<string, (string Reason, DateTimeOffset Since)> failures,
        IReadOnlyCollection<SeriesReading> previous)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(previous);
        var now = time.GetUtcNow();
        var evaluator = new HealthEvaluator(time, Freshness.StaleAfter);
        var before = previous.ToDictionary(r => (r.Metric, r.Entity));
        var readings = new List<SeriesReading>();
        foreach (var metric in metrics)
        {
            var threshold = metric.ToThreshold();
            SeriesReading Next(string entity, double? value, DateTimeOffset? at, HealthStatus status, DateTimeOffset? since, string? reason)
            {
                var was = before.GetValueOrDefault((metric.MetricId, entity));
                var good = Freshness.IsFresh(status, value is not null);
                return new SeriesReading
                {
                    Metric = metric.MetricId,
                    Entity = entity,
                    Value = value,
                    SampledAt = at,
                    Status = status,
                    Since = since ?? (was is { Since: { } s } && was.Status == status ? s : now),
                    LastGoodValue = good ? value : was?.LastGoodValue,
                    LastGoodAt = good ? at : was?.LastGoodAt,
                    StaleReason = reason,
                    EvaluatedAt = now,
                };
            }

            if (failures.TryGetValue(metric.MetricId, out var failure))
            {
                var last = previous.Where(r => r.Metric == metric.MetricId).ToList();
                if (last.Count == 0)
                {
                    readings.Add(Next("", null, null, HealthStatus.Stale, failure.Since, failure.Reason));
                }
                readings.AddRange(last.Select(r => Next(r.Entity, r.Value, r.SampledAt, HealthStatus.Stale, failure.Since, failure.Reason)));
                continue;
            }

            var points = observations.GetValueOrDefault(metric.MetricId) ?? [];
            var latest = points.GroupBy(o => o.Entity).Select(g => g.MaxBy(o => o.Timestamp)).ToList();
            if (latest.Count == 0)
            {
                readings.Add(Next("", null, null, HealthStatus.NoData, null, null));
                continue;
            }
            foreach (var o in latest)
            {
                if (before.TryGetValue((metric.MetricId, o.Entity), out var stored) && stored.SampledAt > o.Timestamp && stored.IsFresh)
                {
                    // Another worker's pass stored a newer sample of this series: an older one never replaces it.
                    readings.Add(stored);
                    continue;
                }
                // NaN/Inf (e.g. 0/0 with no traffic) is not a reading: NoData, never 0.
                var status = double.IsFinite(o.Value)
                    ? evaluator.Evaluate(threshold, new Reading(o.Value, o.Timestamp))
                    : HealthStatus.NoData;
                var reason = status == HealthStatus.Stale ? $"last sample at {o.Timestamp:HH:mm:ss} UTC" : null;
                readings.Add(Next(o.Entity, double.IsFinite(o.Value) ? o.Value : null, o.Timestamp, status, null, reason));
            }
        }
        return readings;
    }

    /// <summary>The gauges clients are sent: each reading with its metric's name, unit and levels in force, in the order of <paramref name="metrics"/>.</summary>
    public static GaugeBatch Display(DateTimeOffset publishedAt, IReadOnlyList<MetricSettingRow> metrics, IReadOnlyList<SeriesReading> readings)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(readings);
        var byMetric = readings.ToLookup(r => r.Metric, StringComparer.Ordinal);
        var gauges = new List<GaugeSnapshot>();
        foreach (var metric in metrics)
        {
            var threshold = metric.ToThreshold();
            gauges.AddRange(byMetric[metric.MetricId].Select(r => new GaugeSnapshot
            {
                MetricId = metric.MetricId,
                Name = metric.Name,
                Category = metric.Category,
                Entity = r.Entity,
                Unit = metric.Unit,
                Value = r.Value,
                SampledAt = r.SampledAt,
                Status = r.Status,
                Since = r.Since,
                Threshold = threshold,
                StaleReason = r.StaleReason,
            }));
        }
        return new GaugeBatch(publishedAt, gauges);
    }
}
