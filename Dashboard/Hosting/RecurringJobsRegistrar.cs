using Dashboard.Jobs.Demo;
using Dashboard.Jobs.Jobs;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Dashboard.Hosting;

/// <summary>Registers recurring jobs under stable ids at start-up (idempotent: AddOrUpdate).</summary>
internal sealed class RecurringJobsRegistrar(
    IRecurringJobManager jobs, IBackgroundJobClient background, IOptions<Dashboard.Jobs.Settings.DashboardOptions> dashboard,
    IOptions<Dashboard.Jobs.Settings.ForecastingOptions> forecasting) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<HeartbeatJob>(HeartbeatJob.Id, j => j.RunAsync(CancellationToken.None), HeartbeatJob.Cron);
        jobs.AddOrUpdate<RollupJob>(RollupJob.Id, j => j.RunAsync(CancellationToken.None), RollupJob.Cron);
        jobs.AddOrUpdate<RetentionJob>(RetentionJob.Id, j => j.RunAsync(CancellationToken.None), RetentionJob.Cron);
        AddPrometheusIngest(jobs);
        jobs.AddOrUpdate<PostgresStatsJob>(PostgresStatsJob.Id, j => j.RunAsync(CancellationToken.None), PostgresStatsJob.Cron);
        jobs.AddOrUpdate<ScrapeIngestJob>(ScrapeIngestJob.Id, j => j.RunAsync(CancellationToken.None), ScrapeIngestJob.Cron);
        jobs.AddOrUpdate<AlertmanagerSyncJob>(AlertmanagerSyncJob.Id, j => j.RunAsync(CancellationToken.None), AlertmanagerSyncJob.Cron);
        jobs.AddOrUpdate<ForecastJob>(ForecastJob.Id, j => j.RunAsync(null, CancellationToken.None), forecasting.Value.Cron);
        if (dashboard.Value.DemoMode)
        {
            // Once per database: the job does nothing when the demo history is already there.
            // Forecasts follow at once, so the PM view has answers without waiting for the hour.
            var history = background.Enqueue<DemoHistoryJob>(j => j.RunAsync(CancellationToken.None));
            background.ContinueJobWith<ForecastJob>(history, j => j.RunAsync(null, CancellationToken.None));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The recurring Prometheus ingest alone (tests pause and resume it to read a quiet store).</summary>
    public static void AddPrometheusIngest(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<PrometheusIngestJob>(PrometheusIngestJob.Id, j => j.RunAsync(CancellationToken.None), PrometheusIngestJob.Cron);
}
