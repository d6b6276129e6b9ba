using Dashboard.Hosting;
using Dashboard.Jobs.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Pauses the app's recurring Prometheus ingest for a test that must be the only writer of observations
/// (it runs passes itself and reads exactly what they stored), and resumes it on dispose. Pausing also waits
/// for a pass already running to end, so none lands in the middle of the test.
/// </summary>
public sealed class QuietIngest : IAsyncDisposable
{
    private static readonly TimeSpan InFlightTimeout = TimeSpan.FromMinutes(2);
    private readonly IRecurringJobManager recurring;

    private QuietIngest(IRecurringJobManager recurring) => this.recurring = recurring;

    public static async Task<QuietIngest> StartAsync(DashboardAppFactory app)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.RemoveIfExists(PrometheusIngestJob.Id);
        var storage = app.Services.GetRequiredService<JobStorage>();
        await Eventually.WaitForAsync(
            () => Task.FromResult(RunningIngestPasses(storage)), n => n == 0, InFlightTimeout, "the running ingest pass to end");
        return new QuietIngest(recurring);
    }

    private static int RunningIngestPasses(JobStorage storage) => storage.GetMonitoringApi()
        .ProcessingJobs(0, 1000)
        .Count(j => j.Value.Job?.Type == typeof(PrometheusIngestJob));

    public ValueTask DisposeAsync()
    {
        RecurringJobsRegistrar.AddPrometheusIngest(recurring);
        return ValueTask.CompletedTask;
    }
}
