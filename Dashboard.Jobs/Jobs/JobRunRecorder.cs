using System.Diagnostics;
using Dashboard.Jobs.Storage;
using Microsoft.EntityFrameworkCore;
using Prometheus;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Wraps a job body: records start, success or failure in job_runs and exports the
/// last-success time, so a stuck pipeline is visible in the UI and in Prometheus.
/// </summary>
public sealed class JobRunRecorder(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    private static readonly Gauge LastSuccess = Metrics.CreateGauge(
        "dashboard_job_last_success_timestamp_seconds", "Unix time of the last successful run of each job.", "job");
    private static readonly Counter Runs = Metrics.CreateCounter(
        "dashboard_job_runs_total", "Job runs by outcome.", "job", "outcome");
    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "dashboard_job_duration_seconds", "Job run duration.", new HistogramConfiguration { LabelNames = ["job"] });

    public async Task RunAsync(string jobId, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        var host = Environment.MachineName;
        var started = time.GetUtcNow();
        await ExecuteAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO job_runs (job_id, last_started_at, success_count, last_duration_seconds, last_run_by)
            VALUES ({jobId}, {started}, 0, 0, {host})
            ON CONFLICT (job_id) DO UPDATE SET last_started_at = EXCLUDED.last_started_at, last_run_by = EXCLUDED.last_run_by
            """, cancellationToken), cancellationToken);

        var watch = Stopwatch.StartNew();
        try
        {
            await body(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Runs.WithLabels(jobId, "failure").Inc();
            var failed = time.GetUtcNow();
            // The message only: job errors must not carry connection strings or revenue.
            var error = Truncate(ex.Message);
            await ExecuteAsync(db => db.Database.ExecuteSqlAsync($"""
                UPDATE job_runs SET last_failed_at = {failed}, last_error = {error} WHERE job_id = {jobId}
                """, CancellationToken.None), CancellationToken.None);
            throw;
        }

        var finished = time.GetUtcNow();
        var seconds = watch.Elapsed.TotalSeconds;
        Runs.WithLabels(jobId, "success").Inc();
        Duration.WithLabels(jobId).Observe(seconds);
        LastSuccess.WithLabels(jobId).Set(finished.ToUnixTimeMilliseconds() / 1000.0);
        await ExecuteAsync(db => db.Database.ExecuteSqlAsync($"""
            UPDATE job_runs SET last_succeeded_at = {finished}, success_count = success_count + 1,
                last_duration_seconds = {seconds}, last_error = NULL
            WHERE job_id = {jobId}
            """, cancellationToken), cancellationToken);
    }

    private async Task ExecuteAsync(Func<DashboardDbContext, Task<int>> statement, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await statement(db);
    }

    private static string Truncate(string s) => s.Length <= 2000 ? s : s[..2000];
}
