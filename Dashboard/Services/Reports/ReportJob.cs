using Dashboard.Jobs.Jobs;
using Hangfire;

namespace Dashboard.Services.Reports;

/// <summary>Builds one capacity report, asked for from the Reports card or POST /api/v1/reports (argument: the report's id only).</summary>
public sealed class ReportJob(ReportBuilder builder, JobRunRecorder recorder)
{
    public const string Id = "report";

    // One at a time: reports read the same data, and two at once would only slow both down.
    [OneAtATime(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 1)]
    public Task RunAsync(Guid reportId, CancellationToken cancellationToken) =>
        recorder.RunAsync(Id, ct => builder.BuildAsync(reportId, ct), cancellationToken);
}
