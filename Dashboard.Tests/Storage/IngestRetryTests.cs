using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Storage;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class IngestRetryTests(DashboardAppFactory app)
{
    [Fact]
    public async Task IngestJob_KilledMidBatchThenRetriedByHangfire_LeavesNoDuplicatesAndNoGap()
    {
        var metric = StoreFixture.NewMetric("hangfire_kill");
        var start = StoreFixture.WindowStart;
        var window = WindowIngestJob.Points(metric, start);
        await app.Services.GetRequiredService<ObservationWriter>().WriteAsync([window[0]], CancellationToken.None);
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        var storage = app.Services.GetRequiredService<JobStorage>();

        string jobId;
        await using (var held = await HeldPoint.HoldAsync(app, window[600]))
        {
            jobId = jobs.Enqueue<WindowIngestJob>(j => j.RunAsync(metric, start, CancellationToken.None));
            await held.KillBlockedWriterAsync();
        }

        var state = await Eventually.WaitForAsync(
            () => Task.FromResult(storage.GetConnection().GetStateData(jobId)?.Name),
            s => s == SucceededState.StateName || s == FailedState.StateName || s == DeletedState.StateName,
            TimeSpan.FromSeconds(60), "the ingest job to be retried to an end");
        Assert.Equal(SucceededState.StateName, state);
        // It died once (the kill) and Hangfire ran it again.
        Assert.Equal("1", storage.GetConnection().GetJobParameter(jobId, "RetryCount"));
        await StoreFixture.AssertStoredExactlyAsync(app, metric, window);
    }
}
