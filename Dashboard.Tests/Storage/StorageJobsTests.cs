using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Storage;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class StorageJobsTests(DashboardAppFactory app)
{
    [Theory]
    [InlineData(RollupJob.Id)]
    [InlineData(RetentionJob.Id)]
    public async Task RecurringJob_Triggered_RecordsSuccessAndExportsIt(string jobId)
    {
        var recurring = app.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs();
        Assert.Contains(recurring, j => j.Id == jobId);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        async Task<long> SuccessCount()
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.JobRuns.Where(j => j.JobId == jobId).Select(j => j.SuccessCount).SingleOrDefaultAsync();
        }
        var before = await SuccessCount();

        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(jobId);

        await Eventually.WaitForAsync(SuccessCount, n => n > before, TimeSpan.FromSeconds(30), $"the {jobId} job to succeed");
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var run = await db.JobRuns.SingleAsync(j => j.JobId == jobId);
            Assert.NotNull(run.LastSucceededAt);
            Assert.Null(run.LastError);
        }
        using var client = app.CreateRawClient(TestStack.Current.MetricsScrapeToken);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains($"dashboard_job_last_success_timestamp_seconds{{job=\"{jobId}\"}}", metrics);
    }

    [Fact]
    public void RecurringJobs_Jobs_DisallowConcurrentRuns()
    {
        foreach (var method in new[] { typeof(RollupJob).GetMethod(nameof(RollupJob.RunAsync)), typeof(RetentionJob).GetMethod(nameof(RetentionJob.RunAsync)) })
        {
            // Not Hangfire's DisableConcurrentExecution: its lock row outlives a killed worker (decision 029).
            Assert.NotNull(method!.GetCustomAttributes(typeof(OneAtATimeAttribute), false).SingleOrDefault());
            Assert.Empty(method.GetCustomAttributes(typeof(DisableConcurrentExecutionAttribute), false));
        }
    }

    [Fact]
    public void Jobs_NoMethodUsesHangfiresLockRow()
    {
        var offending = new[] { typeof(RollupJob).Assembly, typeof(Program).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(DisableConcurrentExecutionAttribute), false))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");

        Assert.Empty(offending);
    }
}
