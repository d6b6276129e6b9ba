using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Jobs.Ingest;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// GET /api/v1/database/health and /api/v1/decision-path on the real stack: the app monitors its
/// own primary (which streams to the test replica), collected by the real ingest job.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class DatabaseHealthApiTests(DashboardAppFactory app)
{
    [Fact]
    public async Task Health_OwnPrimary_RealStatementsConnectionsReplicaAndXidAge()
    {
        var target = await MonitoredPrimary.CollectAsync(app);

        Assert.Equal("Live", target.GetProperty("state").GetString());
        Assert.False(target.GetProperty("isStandby").GetBoolean());

        // Top queries: the marker statement, normalised by pg_stat_statements, slow, with its EXPLAIN line.
        var marker = MonitoredPrimary.Marker(target)!.Value;
        Assert.Contains("pg_sleep($1)", marker.GetProperty("query").GetString());
        Assert.True(marker.GetProperty("calls").GetInt64() >= 3);
        Assert.True(marker.GetProperty("meanMs").GetDouble() >= 900);
        Assert.True(marker.GetProperty("slow").GetBoolean());
        var explain = marker.GetProperty("explain");
        Assert.Equal("EXPLAIN (ANALYZE, BUFFERS) SELECT pg_sleep($1) AS db_health_marker;", explain.GetProperty("sql").GetString());
        Assert.True(explain.GetProperty("needsParameters").GetBoolean());
        Assert.False(explain.GetProperty("changesData").GetBoolean());
        Assert.NotEmpty(target.GetProperty("topQueries").GetProperty("data").GetProperty("byTotalTime").EnumerateArray());

        // Connections: by state and by application both add up to the total, which is within max_connections.
        var connections = target.GetProperty("connections").GetProperty("data");
        var total = connections.GetProperty("total").GetInt32();
        Assert.InRange(total, 1, connections.GetProperty("max").GetInt32());
        Assert.Equal(total, connections.GetProperty("byState").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()));
        Assert.Equal(total, connections.GetProperty("byApplication").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()));
        Assert.Contains(connections.GetProperty("byApplication").EnumerateArray(), a => a.GetProperty("name").GetString() == "dashboard-stats");

        // Replication: the stack's streaming replica is listed with a measured byte lag.
        var standby = Assert.Single(target.GetProperty("replication").GetProperty("data").GetProperty("standbys").EnumerateArray());
        Assert.Equal("streaming", standby.GetProperty("state").GetString());
        Assert.True(standby.GetProperty("lagBytes").GetInt64() >= 0);

        // XID age: a number for the monitored database, with the server's levels.
        var wraparound = target.GetProperty("wraparound").GetProperty("data");
        var database = target.GetProperty("server").GetString()!.Split('/')[^1];
        var xid = wraparound.GetProperty("databases").EnumerateArray().Single(d => d.GetProperty("database").GetString() == database);
        Assert.True(xid.GetProperty("age").GetInt64() >= 0);
        Assert.Equal("Ok", xid.GetProperty("status").GetString());
        Assert.Equal(wraparound.GetProperty("autovacuumFreezeMaxAge").GetInt64(), xid.GetProperty("warningAt").GetInt64());
        Assert.Equal(1_600_000_000, wraparound.GetProperty("vacuumFailsafeAge").GetInt64());

        // Cache hit and largest tables come from the same snapshot.
        Assert.InRange(target.GetProperty("cacheHit").GetProperty("data").GetProperty("overall").GetDouble(), 0, 1);
        var tables = target.GetProperty("tables").GetProperty("data");
        var sizes = tables.GetProperty("largest").EnumerateArray().Select(t => t.GetProperty("totalBytes").GetInt64()).ToList();
        Assert.NotEmpty(sizes);
        Assert.Equal(sizes.OrderByDescending(b => b), sizes);
        Assert.True(sizes[0] > 0);
        Assert.Equal(100_000_000, tables.GetProperty("partitionCandidateRows").GetInt64());
        Assert.True(tables.GetProperty("partitionedTables").GetInt32() >= 1); // the observation store is partitioned
    }

    [Fact]
    public async Task Health_TableGrowth_MeasuredOverAStatedPeriod()
    {
        var target = await MonitoredPrimary.CollectAsync(app);

        var grown = target.GetProperty("tables").GetProperty("data").GetProperty("largest").EnumerateArray()
            .Where(t => t.TryGetProperty("growth", out _)).Select(t => t.GetProperty("growth")).ToList();

        Assert.NotEmpty(grown);
        Assert.All(grown, g =>
        {
            Assert.True(TimeSpan.Parse(g.GetProperty("period").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > TimeSpan.Zero);
            Assert.Contains(g.GetProperty("basis").GetString(), new[] { "stored history", "last two snapshots" });
        });
    }

    [Fact]
    public async Task Health_SourceFailing_StaleSinceWithErrorAndLastKnownFigures()
    {
        await MonitoredPrimary.CollectAsync(app);
        var tracker = app.Services.GetRequiredService<SourceStatusTracker>();
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        await tracker.RecordFailureAsync("postgres:" + MonitoredPrimary.Target, "PostgreSQL dashboard: connection refused (test)", CancellationToken.None);
        try
        {
            var target = MonitoredPrimary.Health(await engineer.GetFromJsonAsync<JsonElement>("/api/v1/database/health"));

            Assert.Equal("Stale", target.GetProperty("state").GetString());
            Assert.Contains("connection refused (test)", target.GetProperty("error").GetString());
            Assert.True(target.TryGetProperty("staleSince", out _));
            // The last known figures stay, marked stale; they are not replaced by zeros.
            Assert.True(target.GetProperty("connections").GetProperty("data").GetProperty("total").GetInt32() > 0);
        }
        finally
        {
            await tracker.RecordSuccessAsync("postgres:" + MonitoredPrimary.Target, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Health_TargetWithoutSnapshot_NoDataWithoutPanels()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var primary = TestStack.WithDatabase(TestStack.Current.PrimaryConnectionString, "postgres");
        using var configured = app.OverrideSetting("Ingest:Postgres:never-collected", primary);

        var report = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/database/health?target=never-collected");

        var target = Assert.Single(report.GetProperty("targets").EnumerateArray());
        Assert.Equal("NoData", target.GetProperty("state").GetString());
        Assert.Contains("No statistics collected yet", target.GetProperty("stateMessage").GetString());
        Assert.False(target.TryGetProperty("connections", out _));
        Assert.False(target.TryGetProperty("topQueries", out _));
    }

    [Fact]
    public async Task Health_UnknownTarget_404NamingKnownTargets()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var response = await engineer.GetAsync("/api/v1/database/health?target=nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("'nope'", body);
        Assert.Contains(MonitoredPrimary.Target, body);
    }

    [Fact]
    public async Task DecisionPath_OwnPrimary_SixStepsFromMeasuredSignalsUnknownsNamed()
    {
        await MonitoredPrimary.CollectAsync(app);
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var report = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/decision-path?target={MonitoredPrimary.Target}");

        var path = Assert.Single(report.GetProperty("targets").EnumerateArray());
        var steps = path.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], steps.Select(s => s.GetProperty("number").GetInt32()));
        // The marker statement is slow, so queries come first, as the advisor says.
        Assert.Equal(1, path.GetProperty("currentStep").GetInt32());
        Assert.Equal("AppliesNow", steps[0].GetProperty("status").GetString());
        // The stack streams to a replica: step 4 is done, from pg_stat_replication.
        Assert.Equal("Done", steps[3].GetProperty("status").GetString());
        // The observation store is partitioned: step 5 is done.
        Assert.Equal("Done", steps[4].GetProperty("status").GetString());
        var signals = path.GetProperty("signals").EnumerateArray().ToDictionary(s => s.GetProperty("signal").GetString()!);
        Assert.True(signals["SlowQueriesPresent"].GetProperty("known").GetBoolean());
        Assert.True(signals["CacheHitRatio"].GetProperty("known").GetBoolean());
        Assert.True(signals["ConnectionSaturation"].GetProperty("known").GetBoolean());
        Assert.True(signals["ReplicaPresent"].GetProperty("known").GetBoolean());
        // What nothing measures stays unknown, with the reason.
        Assert.False(signals["ConnectionPoolerPresent"].GetProperty("known").GetBoolean());
        Assert.Equal("unknown", signals["ConnectionPoolerPresent"].GetProperty("value").GetString());
        Assert.Contains("PgBouncer", signals["ConnectionPoolerPresent"].GetProperty("source").GetString());
        // Expected gains per strategy.
        Assert.Equal(2, steps[1].GetProperty("gains").GetProperty("readGainMin").GetDouble());
        Assert.Equal(0.6, steps[2].GetProperty("dbReadReductionMin").GetDouble(), 9);
    }

    [Theory]
    [InlineData("owner", HttpStatusCode.OK)]
    [InlineData("engineer", HttpStatusCode.OK)]
    [InlineData("pm", HttpStatusCode.Forbidden)]
    [InlineData("designer", HttpStatusCode.Forbidden)]
    public async Task Endpoints_ByRole_OwnerAndEngineerOnly(string role, HttpStatusCode expected)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        Assert.Equal(expected, (await client.GetAsync("/api/v1/database/health")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync("/api/v1/decision-path")).StatusCode);
    }

    [Fact]
    public async Task Endpoints_Anonymous_401()
    {
        using var anonymous = app.CreateRawClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/database/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/decision-path")).StatusCode);
    }
}
