using Dashboard.Jobs.Forecasting;
using Hangfire;

namespace Dashboard.Jobs.Jobs;

/// <summary>Fits every forecast series: on a schedule, and on demand from the PM view (with the run's id for progress).</summary>
public sealed class ForecastJob(ForecastRunner runner, JobRunRecorder recorder)
{
    public const string Id = "forecast";

    // One run at a time: a second request waits for the first instead of fitting the same series twice.
    [OneAtATime(timeoutInSeconds: 1800)]
    [AutomaticRetry(Attempts = 2)]
    public Task RunAsync(Guid? runId, CancellationToken cancellationToken) =>
        recorder.RunAsync(Id, ct => runner.RunAsync(runId, ct), cancellationToken);
}
