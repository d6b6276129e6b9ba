namespace Dashboard.Domain.Catalog;

/// <summary>One row of the database scaling strategies table.</summary>
/// <param name="Id">Which strategy.</param>
/// <param name="Name">Display name.</param>
/// <param name="WhenToUse">The situation it fits.</param>
/// <param name="Complexity">How hard it is.</param>
/// <param name="ReadGain">Expected read speed-up.</param>
/// <param name="WriteGain">Expected write speed-up.</param>
/// <param name="CostTier">Relative cost, 1 ($) to 4 ($$$$).</param>
public sealed record ScalingStrategy(
    ScalingStrategyId Id,
    string Name,
    string WhenToUse,
    Complexity Complexity,
    GainRange ReadGain,
    GainRange WriteGain,
    int CostTier);
