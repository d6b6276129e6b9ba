using System.Net.Http.Headers;

namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>A /metrics response body, its format chosen by the Content-Type.</summary>
public sealed record FetchedExposition(Uri Url, ExpositionFormat Format, string? ContentType, byte[] Body);

/// <summary>Why a target gave no exposition to parse: HTTP status, content type, size, network.</summary>
public sealed class MetricsScrapeException : Exception
{
    public MetricsScrapeException()
    {
    }

    public MetricsScrapeException(string message)
        : base(message)
    {
    }

    public MetricsScrapeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MetricsScrapeException(string message, bool notAnExposition)
        : base(message)
    {
        NotAnExposition = notAnExposition;
    }

    /// <summary>The target answered, but not with an exposition (HTML, another type, too large), as opposed to being unreachable.</summary>
    public bool NotAnExposition { get; }
}

/// <summary>
/// Direct scrape of a /metrics endpoint for teams without a Prometheus server: asks for
/// OpenMetrics then the text format, refuses anything that is not an exposition (an HTML
/// login page above all), stops reading at the body-size limit, and parses.
/// </summary>
public sealed class MetricsScraper(HttpClient http, ExpositionLimits? limits = null)
{
    private readonly ExpositionLimits limits = limits ?? ExpositionLimits.Default;

    /// <summary>Fetches and parses; throws <see cref="MetricsScrapeException"/> or <see cref="ExpositionException"/>.</summary>
    public async Task<IReadOnlyList<MetricFamily>> ScrapeAsync(Uri url, string? bearerToken, ExpositionParser parser, CancellationToken cancellationToken)
    {
        var fetched = await FetchAsync(url, bearerToken, cancellationToken);
        return parser.Parse(fetched.Body, fetched.Format);
    }

    /// <summary>Fetches the body and chooses its format; throws <see cref="MetricsScrapeException"/> when there is nothing to parse.</summary>
    public async Task<FetchedExposition> FetchAsync(Uri url, string? bearerToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", ExpositionContentType.Accept);
        if (!string.IsNullOrEmpty(bearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new MetricsScrapeException($"{HttpSources.Redacted(url)}: {ex.Message}", ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new MetricsScrapeException($"{HttpSources.Redacted(url)}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            var contentType = response.Content.Headers.ContentType?.ToString();
            if (!ExpositionContentType.TryResolve(contentType, out var format, out var error))
            {
                throw new MetricsScrapeException($"{HttpSources.Redacted(url)}: {error}", notAnExposition: true);
            }
            if (response.Content.Headers.ContentLength > limits.MaxBodyBytes)
            {
                throw new MetricsScrapeException(
                    $"{HttpSources.Redacted(url)}: body is {response.Content.Headers.ContentLength} bytes, over the limit of {limits.MaxBodyBytes} ({ExpositionLimits.MaxBodyBytesReason})", notAnExposition: true);
            }
            // Stop reading at the limit: a runaway endpoint must not cost memory without bound.
            var body = await BoundedBody.ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken), limits.MaxBodyBytes, cancellationToken)
                ?? throw new MetricsScrapeException($"{HttpSources.Redacted(url)}: body is over the limit of {limits.MaxBodyBytes} bytes ({ExpositionLimits.MaxBodyBytesReason})", notAnExposition: true);
            return new FetchedExposition(url, format, contentType, body);
        }
    }
}
