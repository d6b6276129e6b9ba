using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>One row of the caching-layers table.</summary>
/// <param name="Name">The layer.</param>
/// <param name="Examples">Typical technology.</param>
/// <param name="LatencyMs">Typical latency range in milliseconds.</param>
/// <param name="HitRate">Typical hit-rate range, or null where it "varies" or does not apply (the primary DB).</param>
/// <param name="BestFor">What it suits.</param>
public sealed record CacheLayer(string Name, string Examples, (double Min, double Max) LatencyMs, (Ratio Min, Ratio Max)? HitRate, string BestFor);
