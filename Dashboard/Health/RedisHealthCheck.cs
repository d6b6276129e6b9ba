using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Dashboard.Health;

/// <summary>Redis down is Degraded, not Unhealthy: the cache serves from L1 and the database.</summary>
internal sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var multiplexer = services.GetService<IConnectionMultiplexer>();
        if (multiplexer is null)
        {
            return HealthCheckResult.Degraded("No Redis configured; caching is in-process only.");
        }
        try
        {
            var latency = await multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The client's message runs to kilobytes of diagnostics; its first sentence names the problem.
            var reason = ex.Message.Split(" - ", 2)[0];
            return HealthCheckResult.Degraded($"Redis unreachable; serving from the in-process cache and the database: {reason}");
        }
    }
}
