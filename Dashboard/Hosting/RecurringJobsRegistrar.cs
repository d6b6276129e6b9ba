using Dashboard.Jobs.Demo;
using Dashboard.Jobs.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Dashboard.Hosting;

/// <summary>Registers recurring jobs under stable ids at start-up (idempotent: AddOrUpdate).</summary>
internal sealed class RecurringJobsRegistrar(
    IRecurringJobManager jobs, IBackgroundJobClient background, IOptions<Dashboard.Jobs.Settings.DashboardOptions> dashboard) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<HeartbeatJob>(HeartbeatJob.Id, j => j.RunAsync(CancellationToken.None), HeartbeatJob.Cron);
        jobs.AddOrUpdate<RollupJob>(RollupJob.Id, j => j.RunAsync(CancellationToken.None), RollupJob.Cron);
        jobs.AddOrUpdate<RetentionJob>(RetentionJob.Id, j => j.RunAsync(CancellationToken.None), RetentionJob.Cron);
        jobs.AddOrUpdate<PrometheusIngestJob>(PrometheusIngestJob.Id, j => j.RunAsync(CancellationToken.None), PrometheusIngestJob.Cron);
        jobs.AddOrUpdate<PostgresStatsJob>(PostgresStatsJob.Id, j => j.RunAsync(CancellationToken.None), PostgresStatsJob.Cron);
        jobs.AddOrUpdate<ScrapeIngestJob>(ScrapeIngestJob.Id, j => j.RunAsync(CancellationToken.None), ScrapeIngestJob.Cron);
        if (dashboard.Value.DemoMode)
        {
            // Once per database: the job does nothing when the demo history is already there.
            background.Enqueue<DemoHistoryJob>(j => j.RunAsync(CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
