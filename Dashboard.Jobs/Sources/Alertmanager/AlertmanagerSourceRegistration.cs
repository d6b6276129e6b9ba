using Dashboard.Jobs.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Dashboard.Jobs.Sources.Alertmanager;

public static class AlertmanagerSourceRegistration
{
    /// <summary>Reads are retried this often after a transient failure; writes (silences) never.</summary>
    public const int ReadRetries = 2;

    /// <summary>
    /// The typed <see cref="AlertmanagerClient"/> over the standard resilience pipeline, configured from
    /// <see cref="AlertmanagerOptions"/> (the host binds and validates the "Alertmanager" section):
    /// per-attempt timeout = Alertmanager:Timeout, <see cref="ReadRetries"/> retries of GETs with exponential
    /// backoff and jitter, and the bearer token. An empty Alertmanager:Url leaves the client unconfigured.
    /// </summary>
    public static IHostApplicationBuilder AddAlertmanagerSource(this IHostApplicationBuilder builder)
    {
        // CurrentValue, read for every client and pipeline built: a saved change of the source applies to the next request.
        var pipeline = builder.Services.AddHttpClient<AlertmanagerClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<AlertmanagerOptions>>().CurrentValue;
                HttpSources.ConfigureClient(http, options.Url, options.BearerToken);
            })
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                HttpSources.ConfigureResilience(resilience, sp.GetRequiredService<IOptionsMonitor<AlertmanagerOptions>>().CurrentValue.Timeout, ReadRetries);
                // POST/PUT/PATCH/DELETE are not retried: a lost answer to a POST must not create a second silence.
                resilience.Retry.DisableForUnsafeHttpMethods();
            });
        ResilienceReload<AlertmanagerOptions>.Register(pipeline);
        return builder;
    }
}
