using System.Globalization;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;

namespace Dashboard.Jobs.Sources.Prometheus;

/// <summary>
/// The Prometheus HTTP API (instant and range queries, metric names). Typed client: the HttpClient comes with the
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

    /// <summary>The most a label-values answer may weigh: a server with 100,000 metric names answers about 4 MB.</summary>
    public const long MaxLabelValuesBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The metric names Prometheus holds (<c>GET /api/v1/label/__name__/values</c>), optionally only those of series
    /// matching any of <paramref name="match"/> (series selectors, e.g. <c>{job="node"}</c>) and seen since
    /// <paramref name="start"/>. At most <paramref name="limit"/> names are kept (Prometheus before 2.51 ignores
    /// the parameter, so the client cuts too) and the answer says when there were more. The body is read up to
    /// <see cref="MaxLabelValuesBytes"/>; failures are <see cref="PrometheusQueryException"/>s like a query's.
    /// </summary>
    public async Task<PrometheusLabelValues> GetMetricNamesAsync(
        IReadOnlyList<string>? match = null, int? limit = null, DateTimeOffset? start = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<string>();
        foreach (var selector in match ?? [])
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(selector, nameof(match));
            parameters.Add("match[]=" + Uri.EscapeDataString(selector));
        }
        if (start is { } from)
        {
            parameters.Add("start=" + Seconds(from));
        }
        if (limit is { } most)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(most, 1, nameof(limit));
            // One more than wanted: a full answer then shows whether anything was cut.
            parameters.Add("limit=" + (most + 1).ToString(CultureInfo.InvariantCulture));
        }
        var path = "api/v1/label/__name__/values" + (parameters.Count > 0 ? "?" + string.Join('&', parameters) : "");
        var (values, warnings) = await SendAsync(path, endpoint => new HttpRequestMessage(HttpMethod.Get, endpoint),
            PrometheusResponseParser.ParseLabelValues, MaxLabelValuesBytes, cancellationToken);
        var truncated = limit is { } cut && values.Count > cut;
        return new PrometheusLabelValues(truncated ? [.. values.Take(limit!.Value)] : values, warnings, truncated);
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

    private Task<PrometheusQueryResult> PostAsync(string path, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        // Prometheus stops evaluating at its own timeout too, so a slow query does not run on after we gave up.
        form.Add(new("timeout", options.CurrentValue.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"));
        return SendAsync(path, endpoint => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) },
            PrometheusResponseParser.Parse, maxBodyBytes: null, cancellationToken);
    }

    private delegate T BodyParser<T>(ReadOnlySpan<byte> body, string url);

    /// <summary>One API call: every failure on the way or in the answer becomes a <see cref="PrometheusQueryException"/> naming the URL.</summary>
    private async Task<T> SendAsync<T>(
        string path, Func<Uri, HttpRequestMessage> request, BodyParser<T> parse, long? maxBodyBytes, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null)
        {
            throw new PrometheusQueryException(PrometheusQueryException.NotConfigured, "Prometheus:Url is empty, so there is no Prometheus to ask.", path);
        }
        var endpoint = new Uri(http.BaseAddress, path);
        var url = HttpSources.Redacted(endpoint);
        try
        {
            using var message = request(endpoint);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var most = maxBodyBytes ?? HttpSources.MaxBodyBytes;
            var body = await BoundedBody.ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken), most, cancellationToken)
                ?? throw new PrometheusQueryException(PrometheusQueryException.BadResponse, $"the answer is over the limit of {most} bytes", url);
            if (!response.IsSuccessStatusCode && !LooksLikeJson(body))
            {
                throw new PrometheusQueryException(PrometheusQueryException.BadResponse,
                    $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {PrometheusResponseParser.Preview(body)}", url);
            }
            return parse(body, url);
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
