using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Live;
using Dashboard.Tests.Domain;

namespace Dashboard.Tests.Web;

/// <summary>
/// Gauge snapshots as the producer makes them: the status is the Domain's verdict
/// (HealthEvaluator against the default catalog), never one a test picks by hand.
/// </summary>
internal static class GaugeSnapshots
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 14, 5, 12, TimeSpan.Zero);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    public static GaugeSnapshot Evaluate(
        string metricId, double? value, DateTimeOffset? sampledAt = null, string entity = "", string? staleReason = null, DateTimeOffset? now = null)
    {
        var metric = MetricCatalog.Default.Get(metricId);
        var at = sampledAt ?? now ?? Now;
        var evaluator = new HealthEvaluator(new ManualTimeProvider(now ?? Now), StaleAfter);
        var status = evaluator.Evaluate(metric.Threshold, value is { } v ? new Reading(v, at) : null);
        return new GaugeSnapshot
        {
            MetricId = metric.Id,
            Name = metric.Name,
            Category = metric.Category.ToString(),
            Entity = entity,
            Unit = metric.Unit,
            Value = value,
            Status = status,
            SampledAt = value is null ? null : at,
            Since = status == HealthStatus.Stale ? at + StaleAfter : at,
            Threshold = metric.Threshold,
            StaleReason = status == HealthStatus.Stale ? staleReason : null,
        };
    }
}
