using Dashboard.Jobs.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Proves the pipeline end to end: Hangfire picks the job up from PostgreSQL, it reaches the
/// primary, and its success shows as job_runs and as a metric.
/// </summary>
public sealed class HeartbeatJob(IDbContextFactory<DashboardDbContext> contexts, JobRunRecorder recorder)
{
    public const string Id = "heartbeat";
    public const string Cron = "* * * * *";

    [OneAtATime(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) =>
        recorder.RunAsync(Id, async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
        }, cancellationToken);
}
