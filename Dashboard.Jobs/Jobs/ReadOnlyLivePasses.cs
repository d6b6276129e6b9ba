using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Storage.Primary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Worker roles: every ingest step while the primary is unreachable, a Prometheus pass that keeps the live gauges
/// moving without storing anything (<see cref="PrometheusIngestJob.PublishWithoutStoringAsync"/>). Idle otherwise.
/// </summary>
public sealed class ReadOnlyLivePasses(PrimaryStatus primary, IServiceScopeFactory scopes, TimeProvider time, ILogger<ReadOnlyLivePasses> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<SeriesReading>? previous = null;
        using var timer = new PeriodicTimer(IngestGrid.Step, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!primary.IsReadOnly)
                {
                    // The stored state is the truth again once the primary is back.
                    previous = null;
                    continue;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    previous = await scope.ServiceProvider.GetRequiredService<PrometheusIngestJob>().PublishWithoutStoringAsync(previous, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Read-only live pass failed; the gauges keep their last values");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
