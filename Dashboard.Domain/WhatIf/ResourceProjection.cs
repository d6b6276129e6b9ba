using Dashboard.Domain.Values;

namespace Dashboard.Domain.WhatIf;

/// <summary>One metric at a load multiplier: today's value, the projected value, the level it reaches and the
/// multipliers at which it crosses warning and critical.</summary>
/// <param name="MetricId">The catalog id of the metric.</param>
/// <param name="Name">The catalog's display name.</param>
/// <param name="Unit">The metric's unit.</param>
/// <param name="Current">Today's reading.</param>
/// <param name="Projected">The value the model gives at the multiplier. Percentages of capacity are not capped
/// (180 means demand is 1.8 times capacity); when <paramref name="Saturated"/> the number is a lower bound.</param>
/// <param name="Saturated">True when demand reaches capacity at the multiplier (a resource at or past 100 %,
/// or the bottleneck's utilisation at or past 1 for the queueing-driven metrics); always reported as critical.</param>
/// <param name="Breach">The threshold level reached at the multiplier (strict comparison; critical when saturated).</param>
/// <param name="WarningAtMultiplier">The lowest multiplier from 1x at which the metric is past warning
/// (1 when already past today); null when it stays below warning up to 20x.</param>
/// <param name="CriticalAtMultiplier">The same for critical.</param>
/// <param name="Model">One short sentence saying how the metric was projected.</param>
public sealed record ResourceProjection(
    string MetricId,
    string Name,
    string Unit,
    double Current,
    double Projected,
    bool Saturated,
    ThresholdBreach Breach,
    double? WarningAtMultiplier,
    double? CriticalAtMultiplier,
    string Model)
{
    /// <summary>How the metric responds to load in everyday words ("grows in step with load"); the method with its
    /// formula is <see cref="Model"/>, for those who ask how it was computed.</summary>
    public string InWords { get; init; } = "";
}
