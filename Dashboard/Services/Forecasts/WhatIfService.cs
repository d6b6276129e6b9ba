using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Services.Forecasts;

/// <summary>A what-if report with the series (entity) each metric's reading came from: the worst one of each metric.</summary>
public sealed record WhatIfView(WhatIfReport Report, IReadOnlyDictionary<string, string> Sources);

/// <summary>
/// "What breaks at k× load?": the Domain what-if projection over the stored forecasts' current
/// values (the worst entity of each metric) and the forecast disk growth, with this deployment's thresholds.
/// </summary>
public sealed class WhatIfService(ForecastQueryService forecasts, SystemStatusService status)
{
    /// <summary>The projection at <paramref name="multiplier"/> and the series each reading came from;
    /// throws DomainValidationException for a multiplier outside 1-20.</summary>
    public async Task<WhatIfView> ProjectAsync(double multiplier, CancellationToken cancellationToken)
    {
        var rows = await forecasts.GetRowsAsync(cancellationToken);
        var catalog = await GetCatalogAsync(cancellationToken);
        var baselines = new List<LoadBaseline>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var metric in catalog.Metrics)
        {
            var worst = rows
                .Where(r => r.Metric == metric.Id && r.CurrentValue is { } v && double.IsFinite(v))
                .OrderBy(r => metric.Threshold.Direction == ThresholdDirection.AboveIsBad ? -r.CurrentValue!.Value : r.CurrentValue!.Value)
                .FirstOrDefault();
            if (worst is not null)
            {
                // A rollup average can drift a hair past 100 % or below 0; the model takes readings as they can be.
                var reading = Math.Max(0, worst.CurrentValue!.Value);
                if (metric.Unit == MetricUnits.Percent)
                {
                    reading = Math.Min(100, reading);
                }
                baselines.Add(new LoadBaseline(metric.Id, reading, metric.Id == MetricIds.Disk ? GrowthPerDay(worst) : null));
                sources[metric.Id] = worst.Entity;
            }
        }
        return new WhatIfView(WhatIfProjector.Project(catalog, baselines, multiplier), sources);
    }

    private async Task<MetricCatalog> GetCatalogAsync(CancellationToken cancellationToken)
    {
        var settings = await status.GetCatalogAsync(cancellationToken);
        var overrides = settings
            .Where(s => MetricCatalog.Default.TryGet(s.MetricId, out _))
            .Select(s => new ThresholdOverride(s.MetricId, s.Warning, s.Critical, s.SustainedForSeconds is { } sec ? TimeSpan.FromSeconds(sec) : null));
        return MetricCatalog.Default.WithOverrides(overrides);
    }

    // The forecast's own slope: the expected change over its horizon, per day.
    private static double? GrowthPerDay(ForecastRow row)
    {
        if (row.Expected.Length < 2 || row.PointsStepSeconds <= 0)
        {
            return null;
        }
        var days = (row.Expected.Length - 1) * row.PointsStepSeconds / 86_400;
        var growth = (row.Expected[^1] - row.Expected[0]) / days;
        return double.IsFinite(growth) ? growth : null;
    }
}
