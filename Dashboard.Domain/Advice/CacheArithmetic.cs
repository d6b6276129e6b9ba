using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Domain.Advice;

/// <summary>How much database read traffic stacked cache layers remove.</summary>
public static class CacheArithmetic
{
    /// <summary>
    /// Share of reads that never reach the database when each layer answers its hit rate of what
    /// reaches it: 1 - (1 - h1)(1 - h2)... A 90 % application cache alone removes 90 %; behind a
    /// 50 % browser cache the two remove 95 %.
    /// </summary>
    /// <param name="hitRates">Each layer's hit rate, nearest the user first (order does not change the result).</param>
    public static Ratio DbReadReduction(IEnumerable<Ratio> hitRates)
    {
        ArgumentNullException.ThrowIfNull(hitRates);
        var reaching = hitRates.Aggregate(1.0, (rest, hit) => rest * (1 - hit.Value));
        return Ratio.Of(1 - reaching);
    }

    /// <summary>The read-reduction range the table's typical hit rates give for the named layers (layers without a quoted rate are skipped).</summary>
    /// <param name="layers">Layers from <see cref="CacheLayerCatalog.Layers"/>.</param>
    public static (Ratio Min, Ratio Max) ExpectedDbReadReduction(IEnumerable<CacheLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var rated = layers.Where(l => l.HitRate is not null).Select(l => l.HitRate!.Value).ToList();
        return (DbReadReduction(rated.Select(r => r.Min)), DbReadReduction(rated.Select(r => r.Max)));
    }
}
