using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Dashboard.Jobs.Sources;

/// <summary>What every HTTP source (Prometheus, Alertmanager) sets up the same way: base address, resilience, URLs in messages.</summary>
public static class HttpSources
{
    /// <summary>
    /// Base address from <paramref name="url"/> (none when it is empty: the source is off), no HttpClient
    /// timeout (the resilience pipeline owns every timeout; HttpClient's own 100 s would cut across it) and
    /// the bearer token, when there is one.
    /// </summary>
    public static void ConfigureClient(HttpClient http, string url, string bearerToken)
    {
        if (!string.IsNullOrWhiteSpace(url))
        {
            http.BaseAddress = BaseAddress(url);
        }
        http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        if (!string.IsNullOrEmpty(bearerToken))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
    }

    /// <summary>The base address for <paramref name="url"/>: a trailing slash keeps a path prefix (e.g. /prometheus/) when api/... is appended.</summary>
    public static Uri BaseAddress(string url) => new(url.EndsWith('/') ? url : url + "/");

    /// <summary>The URL without user info or secret query values, so credentials in a URL never reach a message or log.</summary>
    public static string Redacted(Uri uri) => Dashboard.Domain.Security.UrlRedaction.Redact(uri.ToString());

    /// <summary>The longest answer an HTTP source may give (a runaway endpoint must not cost memory without bound).</summary>
    public const long MaxBodyBytes = 32L * 1024 * 1024;

    /// <summary>Kind of a failure on the way: connection refused, DNS failure, circuit open.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>Kind of a failure on the way: no answer within the timeout.</summary>
    public const string Timeout = "client_timeout";

    /// <summary>
    /// What went wrong on the way to <paramref name="source"/> at <paramref name="url"/> (<see cref="Unreachable"/> or
    /// <see cref="Timeout"/> and a message naming the URL), or null when <paramref name="ex"/> is not such a failure
    /// (e.g. the caller cancelled, or the source answered with an error).
    /// </summary>
    public static (string Kind, string Message)? TransportFailure(Exception ex, string source, string url, CancellationToken cancellationToken) => ex switch
    {
        HttpRequestException http => (Unreachable,
            $"{source} at {url} is unreachable: {(http.StatusCode is HttpStatusCode code ? $"HTTP {(int)code}" : http.Message)}"),
        BrokenCircuitException => (Unreachable, $"{source} at {url} failed repeatedly; not asking again for a while ({ex.Message})"),
        TimeoutRejectedException timeout => (Timeout, $"{source} at {url} did not answer within {timeout.Timeout.TotalSeconds:0.###} s"),
        OperationCanceledException when !cancellationToken.IsCancellationRequested => (Timeout, $"{source} at {url} did not answer in time"),
        _ => null,
    };

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Per-attempt timeout = <paramref name="attemptTimeout"/>; <paramref name="maxRetries"/> retries with
    /// exponential backoff from 0.5 s and jitter (0 = none); a total timeout that leaves room for every attempt.
    /// </summary>
    public static void ConfigureResilience(HttpStandardResilienceOptions resilience, TimeSpan attemptTimeout, int maxRetries)
    {
        resilience.AttemptTimeout.Timeout = attemptTimeout;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = FirstRetryDelay;
        resilience.Retry.MaxRetryAttempts = Math.Max(1, maxRetries);
        if (maxRetries == 0)
        {
            // Polly requires at least one attempt in the options; this turns retrying off instead.
            resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }
        // Every attempt may use its full timeout, plus the exponential delays between them (with jitter headroom).
        var attempts = maxRetries + 1;
        var backoff = TimeSpan.FromTicks(FirstRetryDelay.Ticks * ((1L << maxRetries) - 1) * 2);
        resilience.TotalRequestTimeout.Timeout = attemptTimeout * attempts + backoff + TimeSpan.FromSeconds(1);
        // The standard options require the breaker's window to be at least twice the attempt timeout.
        var window = attemptTimeout * 2;
        resilience.CircuitBreaker.SamplingDuration = window > TimeSpan.FromSeconds(30) ? window : TimeSpan.FromSeconds(30);
    }
}
