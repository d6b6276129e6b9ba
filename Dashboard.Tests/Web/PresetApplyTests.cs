using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Jobs;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>POST /api/v1/presets/{id}/apply on the real stack: the Redis pack read from the test stack's real redis_exporter.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PresetApplyTests(DashboardAppFactory app)
{
    private static readonly string[] RedisIds = ["redis_memory", "redis_clients", "redis_evictions"];

    [Fact]
    public async Task ApplyRedis_CreatesItsResources_WhichBecomeLiveGauges_AndDeleteRemovesThem()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        try
        {
            var response = await engineer.PostAsJsonAsync("/api/v1/presets/redis/apply", new { });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var applied = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
            Assert.Equal(RedisIds, applied);

            await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
            var gauges = (await engineer.GetFromJsonAsync<JsonElement>("/api/v1/status")).GetProperty("gauges").EnumerateArray().ToList();
            var memory = gauges.First(g => g.GetProperty("metricId").GetString() == "redis_memory");
            Assert.Equal("%", memory.GetProperty("unit").GetString());
            Assert.True(memory.GetProperty("value").ValueKind == JsonValueKind.Number, memory.ToString());
            Assert.Contains(gauges, g => g.GetProperty("metricId").GetString() == "redis_clients" && g.GetProperty("value").GetDouble() > 0);

            var audit = await engineer.GetAsync("/api/v1/resources/redis_memory");
            Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        }
        finally
        {
            foreach (var id in RedisIds)
            {
                await engineer.DeleteAsync($"/api/v1/resources/{id}");
            }
        }
    }

    [Fact]
    public async Task ApplyOnlySome_RepointsBuiltInKeepingItsLevels()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        var before = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/resources/{MetricIds.Memory}");
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await engineer.PutAsJsonAsync($"/api/v1/resources/{MetricIds.Memory}", new { warning = 77, critical = 88 })).StatusCode);
            var response = await engineer.PostAsJsonAsync("/api/v1/presets/node/apply", new { resources = new[] { MetricIds.Memory } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var memory = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
            Assert.Equal("saved", memory.GetProperty("querySource").GetString());
            Assert.Equal((77.0, 88.0), (memory.GetProperty("warning").GetDouble(), memory.GetProperty("critical").GetDouble()));
        }
        finally
        {
            await engineer.PutAsJsonAsync($"/api/v1/resources/{MetricIds.Memory}",
                new { warning = before.GetProperty("warning").GetDouble(), critical = before.GetProperty("critical").GetDouble() });
        }
        Assert.Equal("default", (await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/resources/{MetricIds.Memory}")).GetProperty("querySource").GetString());
    }

    [Fact]
    public async Task Apply_UnknownPresetOrResource_OrWrongRole_IsRefused()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.PostAsJsonAsync("/api/v1/presets/nope/apply", new { })).StatusCode);
        var bad = await engineer.PostAsJsonAsync("/api/v1/presets/redis/apply", new { resources = new[] { "redis_nope" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("redis_nope", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("resources")[0].GetString());
        using var pm = app.CreateRawClient(app.For("pm").Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await pm.PostAsJsonAsync("/api/v1/presets/redis/apply", new { })).StatusCode);
    }
}
