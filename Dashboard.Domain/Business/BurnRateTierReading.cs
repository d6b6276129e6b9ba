namespace Dashboard.Domain.Business;

/// <summary>One tier of a burn-rate policy against the observed windows: both burn rates and whether it fires.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="LongBurnRate">The burn rate over the tier's long window; null when that window was not observed.</param>
/// <param name="ShortBurnRate">The burn rate over the tier's short window; null when that window was not observed.</param>
/// <param name="Firing">Whether both burn rates are strictly above the tier's factor (an unobserved window never fires).</param>
public sealed record BurnRateTierReading(BurnRateTier Tier, double? LongBurnRate, double? ShortBurnRate, bool Firing);
