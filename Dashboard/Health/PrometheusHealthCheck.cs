using Dashboard.Domain.Security;
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
        // Credentials written into the URL (user:pass@, ?token=) never reach the report every role reads.
        var shown = InputLimits.Clip(UrlRedaction.Redact(url), 200);
        try
        {
            var client = clients.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(new Uri(url), "/-/ready"), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"ready at {shown}")
                : HealthCheckResult.Degraded($"Prometheus at {shown} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            return HealthCheckResult.Degraded($"Prometheus at {shown} unreachable: {ex.Message}");
        }
    }
}
