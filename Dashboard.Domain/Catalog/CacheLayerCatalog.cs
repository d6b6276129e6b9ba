using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>The caching-layers table as data, nearest the user first.</summary>
public static class CacheLayerCatalog
{
    /// <summary>Share of DB load a good cache layer removes (80-90 %).</summary>
    public static (Ratio Min, Ratio Max) GoodCacheDbLoadCut { get; } = (Ratio.Of(0.80), Ratio.Of(0.90));

    /// <summary>Staleness most SaaS data tolerates, in seconds (5-30 s).</summary>
    public static (int Min, int Max) TolerableStalenessSeconds { get; } = (5, 30);

    /// <summary>The five layers.</summary>
    public static IReadOnlyList<CacheLayer> Layers { get; } =
    [
        new("Browser", "Cache-Control, ETags, service workers", (0, 0), Hit(0.30, 0.50), "static, per-user"),
        new("CDN / edge", "edge caches", (5, 20), Hit(0.60, 0.90), "static assets, public API responses"),
        new("Application", "Redis / Memcached", (1, 5), Hit(0.70, 0.95), "sessions, computed results, expensive queries"),
        new("DB query cache", "materialized views, precomputed aggregates", (10, 50), null, "dashboards, reports"),
        new("Primary DB", "full query", (20, 500), null, "source of truth"),
    ];

    private static (Ratio, Ratio) Hit(double min, double max) => (Ratio.Of(min), Ratio.Of(max));
}
