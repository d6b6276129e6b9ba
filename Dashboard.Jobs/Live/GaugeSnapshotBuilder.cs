using Dashboard.Domain.Health;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Jobs.Live;

/// <summary>
/// Turns one ingest pass into gauges: each catalog metric's values per entity, judged by the
/// Domain against the thresholds in force. A failing source gives Stale gauges that keep their
/// last value for context and carry the source's error; a query with no result gives NoData.
/// </summary>
public sealed class GaugeSnapshotBuilder(TimeProvider time)
{
    /// <summary>A value older than this is stale even if the source answered (a stuck exporter).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <param name="metrics">The thresholds in force (metric_settings rows).</param>
    /// <param name="observations">This pass's values, by metric id.</param>
    /// <param name="failures">Why a metric could not be read (source down or a bad expression), by metric id.</param>
    /// <param name="previous">The previous batch, for "since" and for the last value of stale gauges.</param>
    public GaugeBatch Build(
        IReadOnlyList<MetricSettingRow> metrics,
        IReadOnlyDictionary<string, List<Observation>> observations,
        IReadOnlyDictionary<string, (string Reason, DateTimeOffset Since)> failures,
        GaugeBatch? previous)
    {
        var now = time.GetUtcNow();
        var evaluator = new HealthEvaluator(time, StaleAfter);
        var before = previous?.Gauges.ToDictionary(g => (g.MetricId, g.Entity)) ?? [];
        var gauges = new List<GaugeSnapshot>();
        foreach (var metric in metrics)
        {
            var threshold = metric.ToThreshold();
            GaugeSnapshot Gauge(string entity, double? value, DateTimeOffset? at, HealthStatus status, DateTimeOffset? since, string? reason) => new()
            {
                MetricId = metric.MetricId,
                Name = metric.Name,
                Category = metric.Category,
                Entity = entity,
                Unit = metric.Unit,
                Value = value,
                SampledAt = at,
                Status = status,
                Since = since,
                Warning = metric.Warning,
                Critical = metric.Critical,
                Direction = threshold.Direction,
                StaleReason = reason,
            };

            if (failures.TryGetValue(metric.MetricId, out var failure))
            {
                var last = before.Values.Where(g => g.MetricId == metric.MetricId).ToList();
                if (last.Count == 0)
                {
                    gauges.Add(Gauge("", null, null, HealthStatus.Stale, failure.Since, failure.Reason));
                }
                gauges.AddRange(last.Select(g => Gauge(g.Entity, g.Value, g.SampledAt, HealthStatus.Stale, failure.Since, failure.Reason)));
                continue;
            }

            var points = observations.GetValueOrDefault(metric.MetricId) ?? [];
            var latest = points.GroupBy(o => o.Entity).Select(g => g.MaxBy(o => o.Timestamp)).ToList();
            if (latest.Count == 0)
            {
                gauges.Add(Gauge("", null, null, HealthStatus.NoData, SinceOf("", HealthStatus.NoData), null));
                continue;
            }
            foreach (var o in latest)
            {
                // NaN/Inf (e.g. 0/0 with no traffic) is not a reading: NoData, never 0.
                var status = double.IsFinite(o.Value)
                    ? evaluator.Evaluate(threshold, new Reading(o.Value, o.Timestamp))
                    : HealthStatus.NoData;
                var reason = status == HealthStatus.Stale ? $"last sample at {o.Timestamp:HH:mm:ss} UTC" : null;
                gauges.Add(Gauge(o.Entity, double.IsFinite(o.Value) ? o.Value : null, o.Timestamp, status, SinceOf(o.Entity, status), reason));
            }

            DateTimeOffset SinceOf(string entity, HealthStatus status) =>
                before.TryGetValue((metric.MetricId, entity), out var was) && was.Status == status && was.Since is { } since ? since : now;
        }
        return new GaugeBatch(now, gauges);
    }
}
