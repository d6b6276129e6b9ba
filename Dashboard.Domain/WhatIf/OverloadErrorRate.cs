namespace Dashboard.Domain.WhatIf;

/// <summary>
/// Error rate in percent: unchanged while the bottleneck keeps up (each request fails with today's probability);
/// past saturation only 1 / (k u) of the requests can be served and the rest fail (shed or timed out), so
/// e(k) = 100 - (100 - e) / (k u). Continuous at k u = 1, never above 100.
/// </summary>
internal sealed class OverloadErrorRate(double current, Bottleneck bottleneck, string description) : LoadModel
{
    public override string Description => description;

    public override string InWords => "stays level until capacity runs out, then rises fast";

    public override double ValueAt(double multiplier)
    {
        var demand = multiplier * bottleneck.Utilisation;
        return demand > 1 ? 100 - ((100 - current) / demand) : current;
    }

    public override bool IsSaturatedAt(double multiplier) => bottleneck.IsSaturatedAt(multiplier);
}
