using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Readings;
using Dashboard.Services.Forecasts;

namespace Dashboard.Api.Responses;

/// <summary>
/// What <c>GET /api/v1/whatif</c> answers: the multiplier and its headline, the series the queueing models load
/// (with its reading now), one row per metric and entity, and the metrics left out with why.
/// </summary>
public sealed record WhatIfAnswer(
    double Multiplier,
    string Headline,
    string? Bottleneck,
    SeriesReading? BottleneckNow,
    IReadOnlyList<WhatIfResource> Resources,
    IReadOnlyList<NotProjectedMetric> NotProjected)
{
    public static WhatIfAnswer Of(WhatIfView view) => new(
        view.Report.Multiplier,
        view.Report.Headline,
        view.Bottleneck,
        view.BottleneckNow,
        [.. view.Rows.Select(WhatIfResource.Of)],
        view.Report.NotProjected);
}

/// <summary>One metric on one entity at the multiplier, projected from that series' reading now (value, time, status).</summary>
public sealed record WhatIfResource(
    string MetricId,
    string Name,
    string Entity,
    string Unit,
    SeriesReading Now,
    double Current,
    double Projected,
    bool Saturated,
    ThresholdBreach Breach,
    double? WarningAtMultiplier,
    double? CriticalAtMultiplier,
    string Model)
{
    public static WhatIfResource Of(WhatIfRow row) => new(
        row.Projection.MetricId,
        row.Projection.Name,
        row.Entity,
        row.Projection.Unit,
        row.Now,
        row.Projection.Current,
        row.Projection.Projected,
        row.Projection.Saturated,
        row.Projection.Breach,
        row.Projection.WarningAtMultiplier,
        row.Projection.CriticalAtMultiplier,
        row.Projection.Model);
}
