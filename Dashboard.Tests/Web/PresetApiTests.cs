using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Jobs.Resources.Presets;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Resources.Presets;
using Dashboard.Tests.Sources.Prometheus;

namespace Dashboard.Tests.Web;

/// <summary>GET /api/v1/presets and POST /api/v1/presets/detect on the real app and stack.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PresetApiTests(DashboardAppFactory app)
{
    private const string Presets = "/api/v1/presets";
    private const string Detect = "/api/v1/presets/detect";

    [Fact]
    public async Task Presets_Engineer_EveryPresetWithItsResourcesAndMeasuredQueries()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var response = await engineer.GetAsync(Presets);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var presets = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(PresetCatalog.All.Select(p => p.Id), presets.Select(p => p.GetProperty("id").GetString()));
        var kubernetes = presets.Single(p => p.GetProperty("id").GetString() == "kubernetes");
        var memory = kubernetes.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "k8s_container_memory_limit");
        Assert.Equal("Saturation", memory.GetProperty("category").GetString());
        Assert.Equal("%", memory.GetProperty("measuredUnit").GetString());
        Assert.Equal("Linear", memory.GetProperty("loadModel").GetString());
        Assert.StartsWith("100 * (sum by (namespace, pod, container)", memory.GetProperty("measuredQuery").GetString());
        var otel = presets.Single(p => p.GetProperty("id").GetString() == "otel-http");
        Assert.Equal(["latency_p50", "latency_p99", "error_rate", "uptime"], otel.GetProperty("repointedBuiltIns").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Presets_Designer_Forbidden()
    {
        using var designer = app.CreateRawClient(app.For("designer").Token);

        Assert.Equal(HttpStatusCode.Forbidden, (await designer.GetAsync(Presets)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostAsync(Detect, null)).StatusCode);
    }

    [Fact]
    public async Task Detect_OwnerNarrowedToRedis_ProposesRedisWithItsMetricsFound()
    {
        using var owner = app.CreateRawClient(app.For("owner").Token);
        using var prometheus = new PrometheusTestClient();
        await StackTargets.WaitUntilScrapedAsync(prometheus.Client, "redis");

        var response = await owner.PostAsJsonAsync(Detect, new { match = new[] { "{job=\"redis\"}" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var proposed = Assert.Single(body.GetProperty("proposed").EnumerateArray());
        Assert.Equal("redis", proposed.GetProperty("id").GetString());
        Assert.Equal(PresetCatalog.Find("redis")!.RequiredMetrics, proposed.GetProperty("found").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(proposed.GetProperty("missing").EnumerateArray());
        Assert.Empty(body.GetProperty("partial").EnumerateArray());
        Assert.False(body.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Detect_BadSelector_ValidationProblem()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        var response = await engineer.PostAsJsonAsync(Detect, new { match = new[] { "{job=" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("match", out _));
    }

    [Fact]
    public async Task Detect_PrometheusStopped_ServiceUnavailableProblemNamingSourceAndReason()
    {
        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        HttpResponseMessage response;
        try
        {
            await StackControl.StopAsync("prometheus");

            response = await engineer.PostAsync(Detect, null);
        }
        finally
        {
            await StackControl.StartAsync("prometheus");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("prometheus", problem.GetProperty("source").GetString());
        Assert.Equal("unreachable", problem.GetProperty("reason").GetString());
        Assert.Contains("Prometheus at " + TestStack.Current.PrometheusUrl, problem.GetProperty("detail").GetString());
        // Back once Prometheus is: the same request answers again.
        await Eventually.WaitForAsync(() => engineer.PostAsync(Detect, null), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "detection to answer after Prometheus restarted");
    }
}
