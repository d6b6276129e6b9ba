using Dashboard.Domain.Series;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Microsoft.Extensions.Options;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Services.Forecasts;

/// <summary>One row of the what-if: one metric on one entity, projected from that series' reading now.</summary>
/// <param name="Projection">The Domain projection; its Current is the reading (clamped to 0-100 for a percentage).</param>
/// <param name="Entity">The series' entity.</param>
/// <param name="Now">The reading the row starts from, exactly as the gauge and the status API show it (a stale one says so).</param>
public sealed record WhatIfRow(ResourceProjection Projection, string Entity, SeriesReading Now);

/// <summary>A what-if report with one row per metric and entity; <see cref="WhatIfReport.Resources"/> holds the rows' projections in the same order.
/// <see cref="Bottleneck"/> is the series the queueing models load (<c>metric{labels}</c>, with its reading), null when none reads now.</summary>
public sealed record WhatIfView(WhatIfReport Report, IReadOnlyList<WhatIfRow> Rows)
{
    public string? Bottleneck { get; init; }
    public SeriesReading? BottleneckNow { get; init; }
}

/// <summary>
/// "What breaks at k× load?": the Domain what-if projection of every series from its reading now (ReadingService, the
/// same reading its gauge shows), one row per metric and entity, never a mix of entities in one row; disk growth from
/// that series' forecast, the levels in force. The latency and queue models load the bottleneck: the busiest fresh CPU
/// or database-connections reading now (docs/decisions/008 and 017).
/// </summary>
public sealed class WhatIfService(ForecastQueryService forecasts, SystemStatusService status, ReadingService readings, IOptionsMonitor<WhatIfOptions> options)
{
    /// <summary>The projection at <paramref name="multiplier"/>, one row per series;
    /// throws DomainValidationException for a multiplier outside 1-20.</summary>
    public async Task<WhatIfView> ProjectAsync(double multiplier, CancellationToken cancellationToken)
    {
        var catalog = await GetCatalogAsync(cancellationToken);
        var now = await readings.GetAllAsync(cancellationToken);
        var rows = await forecasts.GetRowsAsync(cancellationToken);
        // The application's bottleneck: the busiest fresh reading of the configured series (WhatIf:BottleneckSeries),
        // or of every CPU and connections series when none is configured. One named series, never a blend.
        var named = options.CurrentValue.BottleneckSeries.Select(SeriesId.Parse).ToHashSet();
        var busiest = now
            .Where(r => r.IsFresh && r.Metric is MetricIds.Cpu or MetricIds.DbConnections)
            .Where(r => named.Count == 0 || named.Contains(SeriesId.Of(r.Metric, r.Entity)))
            .MaxBy(r => r.Value!.Value);
        double? bottleneck = busiest is null ? null : Math.Clamp(busiest.Value!.Value, 0, 100) / 100;
        var assumptions = WhatIfAssumptions.Default with { BottleneckUtilisation = bottleneck };
        // Why a metric is not projected when it has no usable reading (or no model at all).
        var reasons = WhatIfProjector.Project(catalog, [], multiplier, assumptions).NotProjected.ToDictionary(n => n.MetricId);

        var projected = new List<WhatIfRow>();
        var notProjected = new List<NotProjectedMetric>();
        foreach (var metric in catalog.Metrics)
        {
            var series = now.Where(r => r.Metric == metric.Id && r.Value is { } v && double.IsFinite(v)).ToList();
            foreach (var reading in series)
            {
                // A rollup average can drift a hair past 100 % or below 0; the model takes readings as they can be.
                var value = Math.Max(0, reading.Value!.Value);
                if (metric.Unit == MetricUnits.Percent)
                {
                    value = Math.Min(100, value);
                }
                var growth = metric.Id == MetricIds.Disk || metric.LoadModel == LoadModelChoice.Growth
                    ? rows.FirstOrDefault(r => r.Metric == metric.Id && r.Entity == reading.Entity) is { } forecast ? GrowthPerDay(forecast) : null
                    : null;
                var report = WhatIfProjector.Project(catalog, [new LoadBaseline(metric.Id, value, growth)], multiplier, assumptions);
                if (report.Resources.FirstOrDefault(r => r.MetricId == metric.Id) is { } projection)
                {
                    projected.Add(new WhatIfRow(projection, reading.Entity, reading));
                }
                else if (report.NotProjected.FirstOrDefault(n => n.MetricId == metric.Id) is { } why)
                {
                    notProjected.Add(why with { Reason = $"{why.Reason} ({Describe(reading.Entity)})" });
                }
            }
            if (series.Count == 0 && reasons.TryGetValue(metric.Id, out var reason))
            {
                notProjected.Add(reason);
            }
        }
        var ranked = WhatIfProjector.Rank(projected, r => r.Projection);
        return new WhatIfView(new WhatIfReport(multiplier, [.. ranked.Select(r => r.Projection)], notProjected), ranked)
        {
            Bottleneck = busiest is null ? null : SeriesId.Of(busiest.Metric, busiest.Entity).ToString(),
            BottleneckNow = busiest,
        };
    }

    private static string Describe(string entity) => entity.Length == 0 ? "the series without labels" : entity;

    private async Task<MetricCatalog> GetCatalogAsync(CancellationToken cancellationToken) =>
        ThresholdsInForce.Resolve(await status.GetCatalogAsync(cancellationToken));

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
