using System.Net.Http.Headers;
using System.Text;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

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
        // CurrentValue, read for every client and pipeline built: a saved change of the source applies to the next request.
        var pipeline = builder.Services.AddHttpClient<PrometheusClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<PrometheusOptions>>().CurrentValue;
                HttpSources.ConfigureClient(http, options.Url, options.BearerToken);
                if (string.IsNullOrEmpty(options.BearerToken) && !string.IsNullOrEmpty(options.BasicAuthUser))
                {
                    var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.BasicAuthUser}:{options.BasicAuthPassword}"));
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", pair);
                }
            })
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<PrometheusOptions>>().CurrentValue;
                HttpSources.ConfigureResilience(resilience, options.Timeout, options.MaxRetries);
            });
        ResilienceReload<PrometheusOptions>.Register(pipeline);
        return builder;
    }
}
