using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Jobs.Storage;

/// <summary>
/// The one resolver of the thresholds in force: the Domain catalog with this deployment's overrides
/// (the levels and sustained-for window stored in <c>metric_settings</c>) applied by
/// <see cref="MetricCatalog.WithOverrides"/>. Direction and unit always come from the catalog, never
/// from a stored copy, so a metric is judged the same way by the gauges, alerts, forecasts, what-if,
/// designer and database views.
/// </summary>
public static class ThresholdsInForce
{
    /// <summary>The catalog with the stored overrides of its metrics (rows of other metrics are ignored).</summary>
    /// <param name="rows">The metric_settings rows.</param>
    public static MetricCatalog Resolve(IEnumerable<MetricSettingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return MetricCatalog.Default.WithOverrides(rows
            .Where(r => MetricCatalog.Default.TryGet(r.MetricId, out _))
            // A row holds the whole threshold in force: no sustained-for window stored means "at once", not "the default".
            .Select(r => new ThresholdOverride(r.MetricId, r.Warning, r.Critical, r.SustainedForSeconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.Zero)));
    }

    /// <summary>The threshold in force for one stored row's metric.</summary>
    /// <param name="row">A metric_settings row of a catalog metric.</param>
    public static Threshold Of(MetricSettingRow row) => Resolve([row]).Get(row.MetricId).Threshold;
}
