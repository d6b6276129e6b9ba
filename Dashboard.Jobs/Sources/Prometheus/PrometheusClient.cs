using System.Globalization;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;

namespace Dashboard.Jobs.Sources.Prometheus;

/// <summary>
/// The Prometheus HTTP API (instant and range queries). Typed client: the HttpClient comes with the
/// base address, auth header and the standard resilience pipeline (timeouts, retries with backoff,
/// circuit breaker) from <see cref="PrometheusSourceRegistration"/>. Every failure is a
/// <see cref="PrometheusQueryException"/>; an empty result is "no data", never an error and never 0.
/// </summary>
public sealed class PrometheusClient(HttpClient http, IOptionsMonitor<PrometheusOptions> options)
{
    /// <summary>Evaluates <paramref name="promql"/> at <paramref name="time"/> (default: now, as Prometheus sees it).</summary>
    public Task<PrometheusQueryResult> QueryAsync(string promql, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(promql);
        var form = new List<KeyValuePair<string, string>> { new("query", promql) };
        if (time is { } at)
        {
            form.Add(new("time", Seconds(at)));
        }
        return PostAsync("api/v1/query", form, cancellationToken);
    }

    /// <summary>
    /// Evaluates <paramref name="promql"/> over [start, end] every <paramref name="step"/>. A range
    /// beyond Prometheus' 11,000 points per series is asked in aligned windows and stitched per series;
    /// warnings of every window are kept (once each).
    /// </summary>
    public async Task<PrometheusQueryResult> QueryRangeAsync(
        string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(promql);
        var windows = RangeWindows.Split(start, end, step);
        var parts = new List<PrometheusQueryResult>(windows.Count);
        foreach (var (from, to) in windows)
        {
            parts.Add(await PostAsync("api/v1/query_range",
            [
                new("query", promql),
                new("start", Seconds(from)),
                new("end", Seconds(to)),
                new("step", step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            ], cancellationToken));
        }
        return parts.Count == 1 ? parts[0] : Stitch(parts);
    }

    private static PrometheusQueryResult Stitch(List<PrometheusQueryResult> parts)
    {
        var bySeries = new Dictionary<string, (IReadOnlyDictionary<string, string> Labels, List<PrometheusSample> Samples)>(StringComparer.Ordinal);
        foreach (var series in parts.SelectMany(p => p.Series))
        {
            // Entity drops __name__; keep it in the key so two metrics with the same labels stay apart.
            var key = series.Labels.GetValueOrDefault("__name__", "") + "{" + series.Entity + "}";
            if (!bySeries.TryGetValue(key, out var into))
            {
                into = (series.Labels, new List<PrometheusSample>(series.Samples.Count));
                bySeries[key] = into;
            }
            into.Samples.AddRange(series.Samples);
        }
        return new PrometheusQueryResult(
            PrometheusResultType.Matrix,
            [.. bySeries.Values.Select(s => new PrometheusSeries(s.Labels, s.Samples))],
            [.. parts.SelectMany(p => p.Warnings).Distinct(StringComparer.Ordinal)]);
    }

    private async Task<PrometheusQueryResult> PostAsync(string path, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (http.BaseAddress is null)
        {
            throw new PrometheusQueryException(PrometheusQueryException.NotConfigured, "Prometheus:Url is empty, so there is no Prometheus to ask.", path);
        }
        var endpoint = new Uri(http.BaseAddress, path);
        var url = HttpSources.Redacted(endpoint);
        // Prometheus stops evaluating at its own timeout too, so a slow query does not run on after we gave up.
        form.Add(new("timeout", settings.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"));
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await http.PostAsync(endpoint, content, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode && !LooksLikeJson(body))
            {
                throw new PrometheusQueryException(PrometheusQueryException.BadResponse,
                    $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {PrometheusResponseParser.Preview(body)}", url);
            }
            return PrometheusResponseParser.Parse(body, url);
        }
        catch (Exception ex) when (HttpSources.TransportFailure(ex, "Prometheus", url, cancellationToken) is (string kind, string message))
        {
            throw new PrometheusQueryException(kind, message, url, null, ex);
        }
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'{';
    }

    private static string Seconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
