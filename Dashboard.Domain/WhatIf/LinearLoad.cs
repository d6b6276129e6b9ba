namespace Dashboard.Domain.WhatIf;

/// <summary>
/// A value with a part that scales with load: v(k) = start + slope x (k - 1), slope not negative. CPU and connections
/// (start = slope = today's value), memory (slope = today's value less the fixed share), disk (start = today plus the
/// horizon's growth, slope = that growth). Percent of capacity, not capped: saturated from 100 %.
/// </summary>
internal sealed class LinearLoad(double start, double slope, string description) : LoadModel
{
    /// <summary>Demand at or above this percentage of capacity saturates the resource.</summary>
    public const double CapacityPercent = 100;

    public override string Description => description;

    public override string InWords =>
        slope <= 0 ? "does not grow with load"
        : slope < start ? "grows with load; part of it is fixed"
        : "grows in step with load";

    // Written as start + slope x (k - 1) so that 1x gives the start exactly, with no rounding.
    public override double ValueAt(double multiplier) => start + (slope * (multiplier - 1));

    public override bool IsSaturatedAt(double multiplier) => ValueAt(multiplier) >= CapacityPercent;
}
