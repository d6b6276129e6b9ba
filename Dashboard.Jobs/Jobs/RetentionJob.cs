using Dashboard.Jobs.Storage;
using Hangfire;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Creates the next daily partitions ahead of time and drops those past Storage:RetentionDays,
/// then trims rollups past Storage:RollupRetentionDays. Hourly, so a missed run costs nothing.
/// </summary>
public sealed class RetentionJob(PartitionMaintenance partitions, ObservationRollups rollups, JobRunRecorder recorder)
{
    public const string Id = "retention";
    public const string Cron = "7 * * * *";

    [OneAtATime(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) =>
        recorder.RunAsync(Id, async ct =>
        {
            await partitions.RunUpkeepAsync(ct);
            await rollups.ApplyRetentionAsync(ct);
        }, cancellationToken);
}
