using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Jobs.Storage;

/// <summary>
/// The one resolver of the resources and thresholds in force: the Domain catalog with this deployment's
/// overrides (the levels and sustained-for window stored in <c>metric_settings</c>) applied by
/// <see cref="MetricCatalog.WithOverrides"/>, followed by the user-defined resources stored whole. A
/// built-in's direction and unit always come from the catalog, never from a stored copy, so a metric is
/// judged the same way by the gauges, alerts, forecasts, what-if, designer and database views.
/// </summary>
public static class ThresholdsInForce
{
    /// <summary>The catalog with the stored overrides of its metrics, then every valid user-defined resource.</summary>
    /// <param name="rows">The metric_settings rows.</param>
    public static MetricCatalog Resolve(IEnumerable<MetricSettingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyCollection<MetricSettingRow> ?? [.. rows];
        var builtIns = MetricCatalog.Default.WithOverrides(list
            .Where(r => MetricCatalog.Default.TryGet(r.MetricId, out _))
            // A row holds the whole threshold in force: no sustained-for window stored means "at once", not "the default".
            .Select(r => new ThresholdOverride(r.MetricId, r.Warning, r.Critical, r.SustainedForSeconds is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.Zero)));
        var custom = list
            .Where(r => !MetricCatalog.Default.TryGet(r.MetricId, out _))
            .OrderBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.MetricId, StringComparer.Ordinal)
            .Select(Custom)
            .OfType<MetricDefinition>();
        return new MetricCatalog(builtIns.Metrics.Concat(custom));
    }

    /// <summary>The threshold in force for one stored row's metric.</summary>
    /// <param name="row">A metric_settings row.</param>
    public static Threshold Of(MetricSettingRow row) => Resolve([row]).TryGet(row.MetricId, out var metric)
        ? metric.Threshold
        : throw new DomainValidationException($"The stored resource '{row.MetricId}' is not valid.");

    // Rows are checked when saved; one that is not valid any more (edited by hand) is left out rather than taking every view down.
    private static MetricDefinition? Custom(MetricSettingRow row)
    {
        if (!Enum.TryParse<MetricCategory>(row.Category, out var category) || !Enum.TryParse<ThresholdDirection>(row.Direction, out var direction))
        {
            return null;
        }
        try
        {
            var sustained = row.SustainedForSeconds is { } s and > 0 ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            return new MetricDefinition(row.MetricId, category, row.Name, new Threshold(row.Warning, row.Critical, direction, row.Unit, sustained))
            {
                LoadModel = Enum.TryParse<LoadModelChoice>(row.LoadModel, out var model) ? model : LoadModelChoice.Linear,
            };
        }
        catch (DomainValidationException)
        {
            return null;
        }
    }
}
