using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Health;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// On the real stack (PostgreSQL streaming to its replica, the observation store partitioned, Redis
/// answering): the checklist, the owner's scaling mistakes and the decision path say the same about
/// the cache, the replica, partitioning and pooling, and say "yes" where the stack shows it.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed partial class SignalsAgreementApiTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Checklist_OwnerAndDecisionPath_AgreeOnCacheReplicaPartitioningPooling()
    {
        await MonitoredPrimary.CollectAsync(app);
        var dependencies = app.Services.GetRequiredService<DependencyStatus>();
        await Eventually.WaitForAsync(() => Task.FromResult(dependencies.Current.FirstOrDefault(d => d.Name == "redis")),
            redis => redis?.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, TimeSpan.FromSeconds(30), "the Redis check answering");
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var checklist = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/checklist");
        var summary = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/business/summary");
        var path = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/decision-path?target={MonitoredPrimary.Target}");

        var items = checklist.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("items").EnumerateArray())
            .ToDictionary(i => i.GetProperty("id").GetString()!);
        var owner = summary.GetProperty("scalingMistakes").GetProperty("signals").EnumerateArray()
            .ToDictionary(s => s.GetProperty("signal").GetString()!, s => s.GetProperty("value").GetString());
        var target = Assert.Single(path.GetProperty("targets").EnumerateArray());
        var engineerView = target.GetProperty("signals").EnumerateArray()
            .ToDictionary(s => s.GetProperty("signal").GetString()!, s => s.GetProperty("value").GetString());
        var partitioning = PartitionedWords().Match(items["partitioning_sharding"].GetProperty("evidence").GetString()!);

        var said = new Dictionary<string, (string? Checklist, string? Owner, string? Engineer)>
        {
            ["CachePresent"] = (Word(items["redis_cache"]), owner["CachePresent"], engineerView["CachePresent"]),
            ["ReplicaPresent"] = (Word(items["read_replica"]), owner["ReplicaPresent"], engineerView["ReplicaPresent"]),
            ["PartitioningInUse"] = (partitioning.Success ? partitioning.Groups[1].Value : "missing", owner["PartitioningInUse"], engineerView["PartitioningInUse"]),
            ["ConnectionPoolerPresent"] = (Word(items["db_connection_pooling"]), owner["ConnectionPoolerPresent"], engineerView["ConnectionPoolerPresent"]),
        };
        var expected = new Dictionary<string, string>
        {
            ["CachePresent"] = "yes",
            ["ReplicaPresent"] = "yes",
            ["PartitioningInUse"] = "yes",
            ["ConnectionPoolerPresent"] = "unknown",
        };
        foreach (var (signal, words) in said)
        {
            Assert.Equal((expected[signal], expected[signal], expected[signal]), words);
        }
        // The decision path's steps follow: caching, replicas and partitioning are in place.
        var steps = target.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("status").GetString());
        Assert.Equal(("Done", "Done", "Done"), (steps["AddCaching"], steps["ReadReplicas"], steps["PartitionTables"]));
    }

    private static string Word(JsonElement item) => item.GetProperty("state").GetString() switch
    {
        "Done" => "yes",
        "NotDone" => "no",
        "NotMeasured" => "unknown",
        var other => $"not an automatic state: {other}",
    };

    [GeneratedRegex("partitioned tables: (yes|no|unknown)")]
    private static partial Regex PartitionedWords();
}
