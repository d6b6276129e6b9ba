using System.Net.Sockets;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Jobs.Storage.Primary;

/// <summary>
/// Asks the primary every few seconds whether it takes writes (more often while it does not), so read-only mode
/// starts without waiting for a request to fail and ends by itself when the primary returns.
/// </summary>
public sealed class PrimaryProbe(IOptions<StorageOptions> storage, PrimaryStatus status, ILogger<PrimaryProbe> logger) : BackgroundService
{
    private static readonly TimeSpan WhileUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WhileDown = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(storage.Value.Primary))
        {
            return;
        }
        // Its own small pool with short timeouts: a probe must not wait behind the app's connections.
        var builder = new NpgsqlConnectionStringBuilder(storage.Value.Primary)
        {
            Timeout = 3, CommandTimeout = 3, MaxPoolSize = 1, ApplicationName = "dashboard-primary-probe",
        };
        await using var probe = NpgsqlDataSource.Create(builder.ConnectionString);
        // A request whose connection failed wakes the probe for an immediate check (PrimaryFailureInterceptor).
        using var wake = new SemaphoreSlim(0, 1);
        void Wake()
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // a check is already due
            }
        }
        status.Suspected += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ProbeOnceAsync(probe, stoppingToken);
                try
                {
                    await wake.WaitAsync(status.IsReadOnly ? WhileDown : WhileUp, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            status.Suspected -= Wake;
        }
    }

    private async Task ProbeOnceAsync(NpgsqlDataSource probe, CancellationToken stoppingToken)
    {
        // A failure on the pooled connection may be that connection alone (it went stale while the link was cut):
        // the pool is cleared and a fresh connection asked once more before the primary is called unreachable.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CheckAsync(probe, stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is NpgsqlException or TimeoutException or SocketException or IOException or OperationCanceledException)
            {
                // The broken connection must not be handed to the next probe.
                probe.Clear();
                if (attempt == 2)
                {
                    Report(Reason(ex));
                    return;
                }
            }
        }
    }

    private async Task CheckAsync(NpgsqlDataSource probe, CancellationToken stoppingToken)
    {
        await using var connection = await probe.OpenConnectionAsync(stoppingToken);
        await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        if ((bool)(await command.ExecuteScalarAsync(stoppingToken))!)
        {
            Report($"{connection.Host}:{connection.Port} is a standby (in recovery), not a writable primary");
            return;
        }
        if (status.IsReadOnly)
        {
            logger.LogWarning("Primary database reachable again; leaving read-only mode");
        }
        status.ReportReachable();
    }

    private void Report(string reason)
    {
        if (!status.IsReadOnly)
        {
            logger.LogError("Primary database unreachable ({Reason}); serving read-only from the replica and caches", reason);
        }
        status.ReportUnreachable(reason);
    }

    /// <summary>Npgsql's message plus the socket's ("Failed to connect to 127.0.0.1:5432: Connection refused").</summary>
    public static string Reason(Exception ex)
    {
        var socket = ex as SocketException ?? ex.InnerException as SocketException ?? ex.InnerException?.InnerException as SocketException;
        var message = ex.Message.TrimEnd('.');
        return socket is null || message.Contains(socket.Message, StringComparison.Ordinal) ? message : $"{message}: {socket.Message}";
    }
}
