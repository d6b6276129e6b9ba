using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dashboard.Health;

/// <summary>
/// Opens a connection and asks whether it reached a standby. The primary check needs a
/// writable server; the replica check needs a standby and is Degraded (reads fall back to
/// the primary) rather than Unhealthy when there is none.
/// </summary>
internal sealed class PostgresHealthCheck(string connectionString, bool expectStandby) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failure = expectStandby ? HealthStatus.Degraded : context.Registration.FailureStatus;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return expectStandby
                ? HealthCheckResult.Degraded("No replica configured; reads go to the primary.")
                : HealthCheckResult.Unhealthy("ConnectionStrings:Primary is not set.");
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, Pooling = false };
            // With several hosts, ask Npgsql for the kind of server wanted; with one, check it below.
            if (builder.Host?.Contains(',', StringComparison.Ordinal) == true)
            {
                builder.TargetSessionAttributes = expectStandby ? "standby" : "read-write";
            }
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            var inRecovery = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (inRecovery != expectStandby)
            {
                return new HealthCheckResult(failure, expectStandby
                    ? $"{connection.Host}:{connection.Port} is not a standby; reads go to the primary"
                    : $"{connection.Host}:{connection.Port} is in recovery (a standby), not a writable primary");
            }
            var data = new Dictionary<string, object> { ["host"] = $"{connection.Host}:{connection.Port}", ["in_recovery"] = inRecovery };
            return HealthCheckResult.Healthy(expectStandby ? $"standby at {connection.Host}:{connection.Port}" : $"primary at {connection.Host}:{connection.Port}", data);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            var what = expectStandby ? "No standby reachable; reads fall back to the primary" : "Primary unreachable; writes and jobs are failing";
            return new HealthCheckResult(failure, $"{what}: {ex.Message}");
        }
    }
}
