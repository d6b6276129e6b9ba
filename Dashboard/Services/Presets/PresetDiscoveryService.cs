using Dashboard.Jobs.Resources.Presets;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Services.Presets;

/// <summary>Asks the connected Prometheus which metric names it holds and sets every preset against them.</summary>
public sealed class PresetDiscoveryService(PrometheusClient prometheus, TimeProvider time)
{
    /// <summary>How far back a series counts as present: a metric whose exporter went away an hour ago proposes nothing.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(1);

    /// <summary>The most metric names read; a server with more is read in part, and the answer says so.</summary>
    public const int MaxNames = 50_000;

    /// <summary>Throws <see cref="PrometheusQueryException"/> when Prometheus cannot answer.</summary>
    /// <param name="match">Optional series selectors (<c>match[]</c>): only metrics of matching series count.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<PresetDetectionView> DetectAsync(IReadOnlyList<string>? match, CancellationToken cancellationToken)
    {
        var askedAt = time.GetUtcNow();
        var since = askedAt - Lookback;
        var names = await prometheus.GetMetricNamesAsync(match, MaxNames, since, cancellationToken);
        var detected = PresetDetection.Detect(PresetCatalog.All, names.Values.ToHashSet(StringComparer.Ordinal));
        return new PresetDetectionView(askedAt, since, names.Values.Count, names.Truncated, names.Warnings,
            [.. detected.Proposed.Select(PresetMatchView.Of)], [.. detected.Partial.Select(PresetMatchView.Of)]);
    }
}
