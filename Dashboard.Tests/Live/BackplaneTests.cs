using System.Text.Json;
using Dashboard.Jobs.Live;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Tests.Live;

/// <summary>A split deployment: a worker process ingests and publishes, a web process serves the hub client.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class BackplaneTests
{
    [Fact]
    public async Task WorkerPublishes_ClientOnSeparateWebHost_ReceivesThroughRedis()
    {
        var stack = TestStack.Current;
        var database = await TestDatabase.CreateAsync();
        var credentials = Path.Combine(Path.GetTempPath(), $"dashboard-split-{Guid.NewGuid():N}.json");
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings:Primary"] = TestStack.WithDatabase(stack.PrimaryConnectionString, database),
            ["ConnectionStrings:Replica"] = TestStack.WithDatabase(stack.ReplicaConnectionString, database),
            ["Live:RedisBackplane"] = "true",
            ["Dashboard:DemoMode"] = "true",
            ["Dashboard:DemoCredentialsPath"] = credentials,
        };
        // The worker migrates and seeds (demo users and tokens); the web host only serves.
        await using var worker = await AppProcess.StartAsync(new Dictionary<string, string>(common) { ["Dashboard:Role"] = "Worker" });
        await using var web = await AppProcess.StartAsync(new Dictionary<string, string>(common)
        {
            ["Dashboard:Role"] = "Web",
            ["Dashboard:MigrateOnStart"] = "false",
        });
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(credentials));
        var token = doc.RootElement.EnumerateArray().First(c => c.GetProperty("role").GetString() == "engineer").GetProperty("token").GetString();
        await using var client = new HubConnectionBuilder()
            .WithUrl(new Uri(web.BaseAddress, "/hubs/saturation"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        var received = new TaskCompletionSource<GaugeBatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<GaugeBatch>("Snapshots", b => received.TrySetResult(b));

        await client.StartAsync();

        // The worker's recurring ingest runs every 15 s; its batch must cross Redis to the web host.
        var batch = await received.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains(batch.Gauges, g => g.MetricId == "cpu" && g.Value is not null);
        File.Delete(credentials);
    }
}
