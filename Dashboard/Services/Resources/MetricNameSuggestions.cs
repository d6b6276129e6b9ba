using Dashboard.Jobs.Sources.Prometheus;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Services.Resources;

/// <summary>
/// Metric-name completion for the resource editor, from the connected Prometheus' label-values API
/// (<c>__name__</c>), cached for a minute: names starting with the typed text first, then names containing it.
/// An unreachable Prometheus gives no suggestions (the preview says why).
/// </summary>
public sealed class MetricNameSuggestions(PrometheusClient prometheus, HybridCache cache)
{
    /// <summary>Most names kept from Prometheus.</summary>
    public const int MaxNames = 20_000;

    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    /// <summary>Up to <paramref name="most"/> names matching <paramref name="text"/> (every name's first ones when empty).</summary>
    public async Task<IReadOnlyList<string>> SearchAsync(string? text, CancellationToken cancellationToken, int most = 30)
    {
        IReadOnlyList<string> names;
        try
        {
            names = await cache.GetOrCreateAsync("prometheus:metric-names", async ct =>
                (await prometheus.GetMetricNamesAsync(limit: MaxNames, cancellationToken: ct)).Values.ToArray(), Entry, cancellationToken: cancellationToken);
        }
        catch (PrometheusQueryException)
        {
            return [];
        }
        var typed = text?.Trim() ?? "";
        return [.. names
            .Where(n => n.Contains(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(n => n, StringComparer.Ordinal)
            .Take(most)];
    }
}
