using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PipelineTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Heartbeat_TriggeredOnHangfirePostgres_RecordsSuccess()
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        async Task<long> SuccessCount()
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.JobRuns.Where(j => j.JobId == HeartbeatJob.Id).Select(j => j.SuccessCount).SingleOrDefaultAsync();
        }
        var before = await SuccessCount();

        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(HeartbeatJob.Id);

        var after = await Eventually.WaitForAsync(SuccessCount, n => n > before, TimeSpan.FromSeconds(30), "the heartbeat to succeed");
        Assert.True(after > before);
        // It ran through Hangfire's PostgreSQL storage, not in-process.
        await using var db = await contexts.CreateDbContextAsync();
        var succeeded = await db.Database.SqlQueryRaw<long>(
            "SELECT count(*) AS \"Value\" FROM hangfire.job WHERE statename = 'Succeeded' AND invocationdata::text LIKE '%HeartbeatJob%'").SingleAsync();
        Assert.True(succeeded >= 1);
    }

    [Fact]
    public async Task ReadContext_Query_LandsOnReplica()
    {
        var reads = app.Services.GetRequiredService<IDbContextFactory<ReadDbContext>>();
        await using var db = await reads.CreateDbContextAsync();

        var inRecovery = await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync();

        Assert.True(inRecovery, "the read context should read from the streaming standby");
    }

    [Fact]
    public async Task WriteContext_Query_LandsOnPrimary()
    {
        // While the app is read-only (decision 028) the write factory hands out the replica on purpose: a test that
        // terminates a backend trips it for a probe interval, so ask once the app is writable again.
        var primary = app.Services.GetRequiredService<Dashboard.Jobs.Storage.Primary.PrimaryStatus>();
        await Eventually.WaitForAsync(() => Task.FromResult(primary.IsReadOnly), r => !r, TimeSpan.FromSeconds(30), "the app to be writable");
        var writes = app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await writes.CreateDbContextAsync();

        var inRecovery = await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync();

        Assert.False(inRecovery);
    }

    [Fact]
    public async Task Catalog_Seeded_HasTwelveBuiltInsFromDomain_DesignersSeeTheirCategoriesOnly()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        using var doc = System.Text.Json.JsonDocument.Parse(await owner.GetStringAsync("/api/v1/catalog"));
        var builtIns = doc.RootElement.EnumerateArray().Where(m => m.GetProperty("isBuiltIn").GetBoolean()).ToList();
        Assert.Equal(Dashboard.Domain.Catalog.MetricCatalog.Default.Metrics.Select(m => m.Id).Order(), builtIns.Select(m => m.GetProperty("metricId").GetString()).Order());
        var cpu = builtIns.Single(m => m.GetProperty("metricId").GetString() == "cpu");
        Assert.Equal(70, cpu.GetProperty("warning").GetDouble());
        Assert.Equal(90, cpu.GetProperty("critical").GetDouble());
        Assert.Equal(300, cpu.GetProperty("sustainedForSeconds").GetInt32());

        using var designer = app.CreateRawClient(app.For("designer").Token);
        using var seen = System.Text.Json.JsonDocument.Parse(await designer.GetStringAsync("/api/v1/catalog"));
        Assert.Equal(["Availability", "Business", "Errors", "Latency"], seen.RootElement.EnumerateArray().Select(m => m.GetProperty("category").GetString()).Distinct().Order());
    }
}
