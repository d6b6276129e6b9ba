using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Live;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>The live path end to end: real Prometheus -> ingest -> Domain judgement -> hub and API, by role.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SaturationHubTests(DashboardAppFactory app)
{
    private HubConnection Connect(string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/saturation"), o =>
            {
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();

    private static async Task<GaugeBatch> NextBatchAsync(HubConnection connection, Func<GaugeBatch, bool> wanted, Func<Task> trigger)
    {
        var received = new TaskCompletionSource<GaugeBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = connection.On<GaugeBatch>(nameof(Dashboard.Live.ISaturationClient.Snapshots), b =>
        {
            if (wanted(b))
            {
                received.TrySetResult(b);
            }
        });
        await trigger();
        return await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Hub_Anonymous_Refused()
    {
        await using var connection = Connect(token: null);

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task Hub_IngestPass_EngineerGetsEveryGaugeDesignerOnlyWhatUsersFeel()
    {
        await using var engineer = Connect(app.For("engineer").Token);
        await using var designer = Connect(app.For("designer").Token);
        await engineer.StartAsync();
        await designer.StartAsync();
        var job = app.Services.GetRequiredService<PrometheusIngestJob>();
        var start = DateTimeOffset.UtcNow;

        var designerBatch = NextBatchAsync(designer, b => b.PublishedAt >= start, () => Task.CompletedTask);
        var engineerBatch = await NextBatchAsync(engineer, b => b.PublishedAt >= start, () => job.IngestAsync(CancellationToken.None));

        var all = engineerBatch.Gauges.Select(g => g.MetricId).ToHashSet();
        Assert.Superset(new HashSet<string> { "cpu", "memory", "disk", "db_connections", "latency_p99", "error_rate", "uptime", "queue_depth" }, all);
        var cpu = engineerBatch.Gauges.First(g => g.MetricId == "cpu");
        Assert.NotNull(cpu.Value);
        Assert.Contains(cpu.Status, new[] { HealthStatus.Ok, HealthStatus.Warning, HealthStatus.Critical });
        var forDesigner = (await designerBatch).Gauges.Select(g => g.MetricId).ToHashSet();
        Assert.Contains("latency_p99", forDesigner);
        Assert.Contains("payment_success", forDesigner);
        Assert.DoesNotContain("cpu", forDesigner);
        Assert.DoesNotContain("db_connections", forDesigner);
    }

    [Fact]
    public async Task Hub_UnknownToken_Refused()
    {
        await using var connection = Connect("dsh_" + new string('0', 48));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task Hub_ManyConnectionsOnOneToken_EachKeepsItsRolesView()
    {
        // Connections after the first on a token are authenticated by the principal built for the first (shared, 30 s).
        var designers = Enumerable.Range(0, 3).Select(_ => Connect(app.For("designer").Token)).ToArray();
        var engineers = Enumerable.Range(0, 3).Select(_ => Connect(app.For("engineer").Token)).ToArray();
        try
        {
            foreach (var connection in designers.Concat(engineers))
            {
                await connection.StartAsync();
            }
            var job = app.Services.GetRequiredService<PrometheusIngestJob>();
            var start = DateTimeOffset.UtcNow;
            var forDesigners = designers.Select(d => NextBatchAsync(d, b => b.PublishedAt >= start, () => Task.CompletedTask)).ToArray();
            var forEngineers = engineers.Skip(1).Select(e => NextBatchAsync(e, b => b.PublishedAt >= start, () => Task.CompletedTask)).ToArray();
            var full = await NextBatchAsync(engineers[0], b => b.PublishedAt >= start, () => job.IngestAsync(CancellationToken.None));

            var userFacing = Dashboard.Live.GaugeVisibility.ForDesigner(full).Gauges.Select(g => (g.MetricId, g.Entity)).ToHashSet();
            Assert.Contains(full.Gauges, g => g.MetricId == "cpu");
            Assert.NotEmpty(userFacing);
            foreach (var batch in await Task.WhenAll(forDesigners))
            {
                Assert.Equal(userFacing, batch.Gauges.Select(g => (g.MetricId, g.Entity)).ToHashSet());
                Assert.All(batch.Gauges, g => Assert.Contains(g.Category, new[] { "Availability", "Latency", "Errors", "Business" }));
            }
            foreach (var batch in await Task.WhenAll(forEngineers))
            {
                Assert.Equal(full.Gauges.Count, batch.Gauges.Count);
            }
        }
        finally
        {
            foreach (var connection in designers.Concat(engineers))
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StatusApi_ByRole_FilteredLikeTheHub()
    {
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        using var designer = app.CreateRawClient(app.For("designer").Token);

        var full = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/status");
        var filtered = await designer.GetFromJsonAsync<JsonElement>("/api/v1/status");

        static HashSet<string> Ids(JsonElement batch) =>
            batch.GetProperty("gauges").EnumerateArray().Select(g => g.GetProperty("metricId").GetString()!).ToHashSet();
        Assert.Contains("cpu", Ids(full));
        Assert.DoesNotContain("cpu", Ids(filtered));
        Assert.Contains("error_rate", Ids(filtered));
        var status = full.GetProperty("gauges").EnumerateArray().First(g => g.GetProperty("metricId").GetString() == "memory").GetProperty("status").GetString();
        Assert.Contains(status, new[] { "Ok", "Warning", "Critical" });
    }

    [Fact]
    public async Task OverviewPage_Designer_RendersOnlyTheGaugesTheHubWouldSend()
    {
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
        using var engineer = await app.SignInAsync(app.For("engineer").Email, app.For("engineer").Password);
        using var designer = await app.SignInAsync(app.For("designer").Email, app.For("designer").Password);

        var full = await engineer.GetStringAsync("/");
        var filtered = await designer.GetStringAsync("/");

        Assert.Contains("data-testid=\"gauge-cpu\"", full);
        Assert.DoesNotContain("data-testid=\"gauge-cpu\"", filtered);
        Assert.Contains("data-testid=\"gauge-latency_p99\"", filtered);
    }

    [Fact]
    public async Task PrometheusDown_GaugesStaleWithReasonAndLastValue_NeverZero()
    {
        var job = app.Services.GetRequiredService<PrometheusIngestJob>();
        await job.IngestAsync(CancellationToken.None);
        var feed = app.Services.GetRequiredService<LiveFeed>();
        var memoryBefore = feed.Latest!.Gauges.First(g => g.MetricId == "memory").Value;
        try
        {
            await StackControl.StopAsync("prometheus");

            await job.IngestAsync(CancellationToken.None);

            var gauges = feed.Latest!.Gauges;
            Assert.All(gauges, g => Assert.Equal(HealthStatus.Stale, g.Status));
            Assert.All(gauges, g => Assert.Contains("unreachable", g.StaleReason));
            var memory = gauges.First(g => g.MetricId == "memory");
            Assert.Equal(memoryBefore, memory.Value);
            Assert.NotEqual(0, memory.Value);
        }
        finally
        {
            await StackControl.StartAsync("prometheus");
        }
        await Eventually.WaitForAsync(async () =>
            {
                await job.IngestAsync(CancellationToken.None);
                return feed.Latest!.Gauges.First(g => g.MetricId == "memory").Status;
            },
            s => s != HealthStatus.Stale, TimeSpan.FromSeconds(30), "memory to be live again");
    }
}
