using Dashboard.Jobs.Jobs;
using Hangfire;

namespace Dashboard.Hosting;

/// <summary>Registers recurring jobs under stable ids at start-up (idempotent: AddOrUpdate).</summary>
internal sealed class RecurringJobsRegistrar(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<HeartbeatJob>(HeartbeatJob.Id, j => j.RunAsync(CancellationToken.None), HeartbeatJob.Cron);
        jobs.AddOrUpdate<RollupJob>(RollupJob.Id, j => j.RunAsync(CancellationToken.None), RollupJob.Cron);
        jobs.AddOrUpdate<RetentionJob>(RetentionJob.Id, j => j.RunAsync(CancellationToken.None), RetentionJob.Cron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
