using System.Net;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Dashboard.Tests.Web;

/// <summary>Real services stopped and started again, with the app running.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class FaultToleranceTests(DashboardAppFactory app)
{
    [Fact]
    public async Task HybridCache_Value_RoundTripsThroughRedis()
    {
        var key = "roundtrip-" + Guid.NewGuid().ToString("N");
        var cache = app.Services.GetRequiredService<HybridCache>();
        await cache.SetAsync(key, "from-the-app");

        // A second, separate cache stack over the same Redis sees the value: it went through L2.
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(o =>
        {
            o.Configuration = TestStack.Current.RedisConnectionString;
            o.InstanceName = "dashboard:";
        });
        services.AddHybridCache();
        await using var other = services.BuildServiceProvider();
        var seen = await other.GetRequiredService<HybridCache>().GetOrCreateAsync(key, _ => ValueTask.FromResult("factory-ran"));

        Assert.Equal("from-the-app", seen);
        Assert.NotNull(await other.GetRequiredService<IDistributedCache>().GetAsync(key));
    }

    [Fact]
    public async Task RedisStopped_AppKeepsServing_ThenUsesRedisAgain()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        var health = app.Services.GetRequiredService<HealthCheckService>();
        try
        {
            await StackControl.StopAsync("redis");

            var profile = await owner.GetAsync("/api/v1/business/profile");
            var catalog = await owner.GetAsync("/api/v1/catalog");
            var report = await health.CheckHealthAsync(r => r.Name == "redis");

            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
            Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
            Assert.Equal(HealthStatus.Degraded, report.Entries["redis"].Status);
            Assert.Contains("Redis unreachable", report.Entries["redis"].Description);
        }
        finally
        {
            await StackControl.StartAsync("redis");
        }

        await Eventually.WaitForAsync(async () => (await health.CheckHealthAsync(r => r.Name == "redis")).Status,
            s => s == HealthStatus.Healthy, TimeSpan.FromSeconds(30), "Redis to be healthy again");
        var key = "after-restart-" + Guid.NewGuid().ToString("N");
        await app.Services.GetRequiredService<HybridCache>().SetAsync(key, 42);
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestStack.Current.RedisConnectionString);
        Assert.True(await redis.GetDatabase().KeyExistsAsync("dashboard:" + key), "the app writes to Redis again after it returns");
    }

    [Fact]
    public async Task ReplicaStopped_ReadsFallBackToPrimary_ThenReturnToReplica()
    {
        var reads = app.Services.GetRequiredService<IDbContextFactory<ReadDbContext>>();
        async Task<bool> InRecovery()
        {
            await using var db = await reads.CreateDbContextAsync();
            return await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync();
        }
        Assert.True(await InRecovery());
        try
        {
            await StackControl.StopAsync("replica");

            Assert.False(await InRecovery(), "with the replica down, reads go to the primary");
            using var owner = app.CreateRawClient(app.For("owner").Token);
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/jobs")).StatusCode);
        }
        finally
        {
            await StackControl.StartAsync("replica");
        }
        // Npgsql rechecks an offline host after a while; reads then return to the standby.
        Assert.True(await Eventually.WaitForAsync(InRecovery, r => r, TimeSpan.FromSeconds(40), "reads to return to the replica"));
    }
}
