using System.Net.Http.Headers;
using System.Text;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Dashboard.Jobs.Sources.Prometheus;

public static class PrometheusSourceRegistration
{
    /// <summary>
    /// The typed <see cref="PrometheusClient"/> over the standard resilience pipeline, configured from
    /// <see cref="PrometheusOptions"/> (the host binds and validates the "Prometheus" section):
    /// per-attempt timeout = Prometheus:Timeout, Prometheus:MaxRetries retries with exponential
    /// backoff and jitter, a total timeout that leaves room for them, and basic or bearer auth.
    /// </summary>
    public static IHostApplicationBuilder AddPrometheusSource(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<PrometheusClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<PrometheusOptions>>().Value;
                if (!string.IsNullOrWhiteSpace(options.Url))
                {
                    // A trailing slash keeps a path prefix (e.g. /prometheus/) when api/v1/... is appended.
                    http.BaseAddress = new Uri(options.Url.EndsWith('/') ? options.Url : options.Url + "/");
                }
                // The resilience pipeline owns every timeout; HttpClient's own 100 s would cut across it.
                http.Timeout = Timeout.InfiniteTimeSpan;
                if (!string.IsNullOrEmpty(options.BearerToken))
                {
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
                }
                else if (!string.IsNullOrEmpty(options.BasicAuthUser))
                {
                    var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.BasicAuthUser}:{options.BasicAuthPassword}"));
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", pair);
                }
            })
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) => Configure(resilience, sp.GetRequiredService<IOptions<PrometheusOptions>>().Value));
        return builder;
    }

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    private static void Configure(HttpStandardResilienceOptions resilience, PrometheusOptions options)
    {
        resilience.AttemptTimeout.Timeout = options.Timeout;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = FirstRetryDelay;
        resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
        if (options.MaxRetries == 0)
        {
            // Polly requires at least one attempt in the options; this turns retrying off instead.
            resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }
        // Every attempt may use its full timeout, plus the exponential delays between them (with jitter headroom).
        var attempts = options.MaxRetries + 1;
        var backoff = TimeSpan.FromTicks(FirstRetryDelay.Ticks * ((1L << options.MaxRetries) - 1) * 2);
        resilience.TotalRequestTimeout.Timeout = options.Timeout * attempts + backoff + TimeSpan.FromSeconds(1);
        // The standard options require the breaker's window to be at least twice the attempt timeout.
        var window = options.Timeout * 2;
        resilience.CircuitBreaker.SamplingDuration = window > TimeSpan.FromSeconds(30) ? window : TimeSpan.FromSeconds(30);
    }
}
