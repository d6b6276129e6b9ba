using Dashboard.Jobs.Storage.Primary;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Health;

/// <summary>
/// The primary as the probe last saw it (docs/decisions/028). Down is Degraded, not Unhealthy: the app keeps
/// serving reads, so a load balancer must keep it in rotation; /health says since when it is read-only and why.
/// </summary>
internal sealed class PrimaryHealthCheck(PrimaryStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.Outage is { } outage
            ? HealthCheckResult.Degraded(outage.Describe() + "; writes answer 503, jobs pause",
                data: new Dictionary<string, object> { ["read_only_since"] = outage.Since, ["reason"] = outage.Reason })
            : HealthCheckResult.Healthy("writable"));
}
