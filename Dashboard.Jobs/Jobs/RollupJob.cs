using Dashboard.Jobs.Storage;
using Hangfire;

namespace Dashboard.Jobs.Jobs;

/// <summary>Rolls the queued 5-minute buckets (and their hours) up from the raw observations.</summary>
public sealed class RollupJob(ObservationRollups rollups, JobRunRecorder recorder)
{
    public const string Id = "rollup";
    public const string Cron = "* * * * *";

    [OneAtATime(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) =>
        recorder.RunAsync(Id, ct => rollups.ProcessPendingAsync(ct), cancellationToken);
}
