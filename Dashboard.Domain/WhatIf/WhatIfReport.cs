namespace Dashboard.Domain.WhatIf;

/// <summary>What a load multiplier does to each load-driven metric.</summary>
/// <param name="Multiplier">The load projected to, as a multiple of today's.</param>
/// <param name="Resources">The projected metrics, ranked: critical first, then warning, then ok; within each group the
/// one that reached its level (for ok: will reach warning) at the lowest multiplier first.</param>
/// <param name="NotProjected">The catalog metrics left out, in catalog order, each with the reason.</param>
public sealed record WhatIfReport(double Multiplier, IReadOnlyList<ResourceProjection> Resources, IReadOnlyList<NotProjectedMetric> NotProjected)
{
    /// <summary>The answer in plain words, e.g. "At 3x: CPU and database connections go critical; p99 latency reaches
    /// warning." or "At 3x nothing crosses a threshold; CPU is first to warn at 4.1x."</summary>
    public string Headline => WhatIfHeadline.Describe(Multiplier, Resources);
}
