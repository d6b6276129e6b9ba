using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Live;

namespace Dashboard.Components.Designer;

/// <summary>One crafted state of a live gauge, to review how the product shows trouble.</summary>
/// <param name="Key">Stable id for tests ("stale-source").</param>
/// <param name="Title">The state's name.</param>
/// <param name="When">When a user meets it.</param>
/// <param name="Gauge">The snapshot the real gauge renders.</param>
/// <param name="Sparkline">The last hour it would draw.</param>
public sealed record DegradationState(string Key, string Title, string When, GaugeSnapshot Gauge, IReadOnlyList<(DateTimeOffset At, double Value)> Sparkline);

/// <summary>
/// The product's own degradation states as crafted gauge snapshots, in the exact shapes the
/// pipeline publishes (GaugeSnapshotBuilder): a failing source, a source whose values stopped
/// arriving, a service that is down, and a metric with no data. Thresholds are the catalog's.
/// </summary>
public static class DegradationPreviews
{
    public static IReadOnlyList<DegradationState> Build(DateTimeOffset now)
    {
        var staleSince = now.AddMinutes(-7);
        var lastSample = now.AddMinutes(-3);
        return
        [
            new("stale-source", "Stale source", "Prometheus stopped answering: the last value stays, greyed, with when and the source's own error; never a zero.",
                Gauge(MetricIds.LatencyP99, 840, HealthStatus.Stale, staleSince, staleSince,
                    "Prometheus at http://prometheus:9090 unreachable: Connection refused (prometheus:9090)"),
                Wave(staleSince, 820, 60)),
            new("slow-source", "Slow source", "The source answers but its samples stopped moving (a stuck exporter): after 2 minutes the gauge says when the last one came.",
                Gauge(MetricIds.LatencyP50, 190, HealthStatus.Stale, lastSample, lastSample,
                    $"last sample at {lastSample.UtcDateTime:HH:mm:ss} UTC"),
                Wave(lastSample, 180, 25)),
            new("service-down", "Service down", "The application fails every request: the gauge turns critical, in red with an icon and the word.",
                Gauge(MetricIds.ErrorRate, 100, HealthStatus.Critical, now.AddSeconds(-12), now.AddMinutes(-4), null),
                [.. Wave(now.AddMinutes(-4), 0.2, 0.1), (now.AddMinutes(-3), 100), (now.AddSeconds(-12), 100)]),
            new("no-data", "No data", "A query matches nothing (no traffic, or the metric is not exposed): no number at all, and no bar.",
                Gauge(MetricIds.SignupSuccess, null, HealthStatus.NoData, null, now.AddMinutes(-20), null),
                []),
        ];
    }

    private static GaugeSnapshot Gauge(string metricId, double? value, HealthStatus status, DateTimeOffset? sampledAt, DateTimeOffset since, string? reason)
    {
        var metric = MetricCatalog.Default.Get(metricId);
        return new GaugeSnapshot
        {
            MetricId = metric.Id,
            Name = metric.Name,
            Category = metric.Category.ToString(),
            Entity = "",
            Unit = metric.Unit,
            Value = value,
            Status = status,
            SampledAt = sampledAt,
            Since = since,
            Threshold = metric.Threshold,
            StaleReason = reason,
        };
    }

    /// <summary>A gentle last hour ending at <paramref name="end"/>, one point a minute.</summary>
    private static List<(DateTimeOffset At, double Value)> Wave(DateTimeOffset end, double level, double swing) =>
        [.. Enumerable.Range(0, 60).Select(i => (end.AddMinutes(i - 59), level + (swing * Math.Sin(i / 6.0))))];
}
