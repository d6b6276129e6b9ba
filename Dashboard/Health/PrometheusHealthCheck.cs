using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Health;

/// <summary>Prometheus down is Degraded: live values go stale, stored history still serves.</summary>
internal sealed class PrometheusHealthCheck(IHttpClientFactory clients, IOptionsMonitor<PrometheusOptions> options) : IHealthCheck
{
    public const string HttpClientName = "prometheus-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = options.CurrentValue.Url;
        if (string.IsNullOrWhiteSpace(url))
        {
            return HealthCheckResult.Degraded("No Prometheus configured (Prometheus:Url is empty).");
        }
        try
        {
            var client = clients.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(new Uri(url), "/-/ready"), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"ready at {url}")
                : HealthCheckResult.Degraded($"Prometheus at {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Degraded($"Prometheus at {url} unreachable: {ex.Message}");
        }
    }
}
