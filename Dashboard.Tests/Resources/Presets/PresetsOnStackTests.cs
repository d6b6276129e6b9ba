using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Resources.Presets;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Sources.Prometheus;

namespace Dashboard.Tests.Resources.Presets;

/// <summary>
/// Every preset on the real Prometheus of the test stack, scraping real exporters (node, postgres, redis, the app's
/// prometheus-net metrics and demo workload) and recorded expositions of the others (scripts/fixtures): each
/// resource's measured query answers, and detection over the metric names it holds proposes exactly what is served.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PresetsOnStackTests(DashboardAppFactory app)
{
    public static TheoryData<string> PresetIds => new(PresetCatalog.All.Select(p => p.Id));

    [Theory]
    [MemberData(nameof(PresetIds))]
    public async Task EveryResource_MeasuredOnTheStack_ReturnsAFiniteSeries(string presetId)
    {
        Assert.NotNull(app.BaseAddress);   // the app is up, so "dashboard" and "demo" are scraped
        using var prometheus = new PrometheusTestClient();
        await StackTargets.WaitUntilScrapedAsync(prometheus.Client, [.. StackTargets.FixtureJobs, .. StackTargets.ExporterJobs]);

        foreach (var resource in PresetCatalog.Find(presetId)!.Resources)
        {
            var result = await Eventually.WaitForAsync(
                () => prometheus.Client.QueryAsync(ResourceQuery.Measured(resource)),
                r => r.Series.Any(s => s.Samples.Count > 0 && double.IsFinite(s.Samples[^1].Value)),
                TimeSpan.FromSeconds(60), $"a finite value for {presetId}/{resource.Id}");

            Assert.Empty(result.Warnings);
        }
    }

    // Gauges from the fixtures, so the figures are exact: they check each join (labels, live pods, capacity side).
    [Theory]
    [InlineData("k8s_container_memory_limit", "container=\"web\",namespace=\"shop\",pod=\"web-7d9c8b6f5-q9z7m\"", 100.0 * 492830720 / 536870912)]
    [InlineData("k8s_pod_memory_request", "namespace=\"shop\",pod=\"worker-5f6d7c8b9-hk2lp\"", 100.0 * 734003200 / 536870912)]
    [InlineData("k8s_node_cpu_requests", "node=\"worker-1\"", 100 * 1.3 / 3.92)]   // the finished migration pod's 0.5 core not counted
    [InlineData("k8s_quota_pods", "namespace=\"shop\",resourcequota=\"shop-quota\"", 85)]
    [InlineData("k8s_pvc_usage", "namespace=\"data\",persistentvolumeclaim=\"pgdata-postgres-0\"", 100 * 7.8988500992e10 / 1.05089261568e11)]
    [InlineData("rabbitmq_memory", "instance=\"127.0.0.1:PORT\"", 100.0 * 1218347008 / 3355443200)]
    [InlineData("rabbitmq_queue_ready", "queue=\"orders\",vhost=\"/\"", 1520)]
    [InlineData("kafka_consumer_lag", "consumergroup=\"billing\",topic=\"orders\"", 1201)]
    [InlineData("probe_availability", "instance=\"https://api.example.com/health\"", 100)]
    public async Task FixtureResource_MeasuredOnTheStack_IsTheRecordedFigure(string resourceId, string entity, double expected)
    {
        var resource = PresetCatalog.All.SelectMany(p => p.Resources).Single(r => r.Id == resourceId);
        using var prometheus = new PrometheusTestClient();
        await StackTargets.WaitUntilScrapedAsync(prometheus.Client, StackTargets.FixtureJobs);
        var fixtures = await FixturesInstanceAsync(prometheus.Client);

        var result = await prometheus.Client.QueryAsync(ResourceQuery.Measured(resource));

        var series = Assert.Single(result.Series, s => s.Entity == entity.Replace("127.0.0.1:PORT", fixtures, StringComparison.Ordinal));
        Assert.Equal(expected, series.Samples[^1].Value, 6);
    }

    [Fact]
    public async Task OtelErrorRate_RatioOfRates_IsTheRecordedShareOfFailures()
    {
        var errorRate = PresetCatalog.Find("otel-http")!.Resources.Single(r => r.Id == "error_rate");
        using var prometheus = new PrometheusTestClient();
        await StackTargets.WaitUntilScrapedAsync(prometheus.Client, "otel-http");

        var result = await Eventually.WaitForAsync(() => prometheus.Client.QueryAsync(ResourceQuery.Measured(errorRate)),
            r => r.SingleValueOrNull() is { } v && double.IsFinite(v), TimeSpan.FromSeconds(30), "the OpenTelemetry error rate");

        // Counts recorded for a day (scripts/fixtures/expositions/otel-http.prom): 1,728 of 4,805,568 requests failed.
        // Both counters grow by the same factor, so the ratio of their rates is the recorded share at any age.
        Assert.Equal(100 * 1728 / 4805568.0, result.SingleValueOrNull()!.Value, 4);
    }

    /// <summary>
    /// The whole stack serves every pack: node_exporter (node), postgres_exporter (postgres), redis_exporter (redis),
    /// the fixtures (kubernetes, rabbitmq, kafka, otel-http, ingress-nginx, blackbox), the app's own prometheus-net
    /// metrics (prometheus-net-http) and its demo workload (demo).
    /// </summary>
    [Fact]
    public async Task Detect_WholeStack_ProposesEveryPackAndNoPartial()
    {
        var result = await DetectAsync();

        Assert.Equal(PresetCatalog.All.Select(p => p.Id), result.Proposed.Select(m => m.Preset.Id));
        Assert.Empty(result.Partial);
    }

    // One job (or one group of jobs) at a time through match[]: exactly the packs those exporters serve.
    [Theory]
    [InlineData("{job=~\"kube-state-metrics|kubelet|kubelet-cadvisor\"}", "kubernetes", "")]
    [InlineData("{job=\"kube-state-metrics\"}", "", "kubernetes")]
    [InlineData("{job=\"redis\"}", "redis", "")]
    [InlineData("{job=\"otel-http\"}", "otel-http", "")]
    [InlineData("{job=\"ingress-nginx\"}", "ingress-nginx", "")]
    [InlineData("{job=\"rabbitmq\"}", "rabbitmq", "")]
    [InlineData("{job=\"kafka-exporter\"}", "kafka", "")]
    [InlineData("{job=\"blackbox\"}", "blackbox", "")]
    [InlineData("{job=\"node\"}", "node", "demo")]
    [InlineData("{job=\"postgres\"}", "postgres", "demo")]
    [InlineData("{job=\"dashboard\"}", "prometheus-net-http", "demo")]
    public async Task Detect_OneSource_ProposesExactlyItsPacks(string selector, string proposed, string partial)
    {
        var result = await DetectAsync(selector);

        Assert.Equal(Split(proposed), result.Proposed.Select(m => m.Preset.Id));
        Assert.Equal(Split(partial), result.Partial.Select(m => m.Preset.Id));
    }

    private async Task<PresetDetectionResult> DetectAsync(params string[] match)
    {
        Assert.NotNull(app.BaseAddress);
        using var prometheus = new PrometheusTestClient();
        await StackTargets.WaitUntilScrapedAsync(prometheus.Client, [.. StackTargets.FixtureJobs, .. StackTargets.ExporterJobs]);
        // The demo's own metrics appear once the workload has served a scrape.
        await Eventually.WaitForAsync(() => prometheus.Client.QueryAsync("demo_queue_depth"), r => !r.IsNoData, TimeSpan.FromSeconds(30), "demo metrics");

        var names = await prometheus.Client.GetMetricNamesAsync(match.Length == 0 ? null : match, start: DateTimeOffset.UtcNow.AddHours(-1));

        Assert.False(names.Truncated);
        return PresetDetection.Detect(PresetCatalog.All, names.Values.ToHashSet(StringComparer.Ordinal));
    }

    private static string[] Split(string ids) => ids.Length == 0 ? [] : ids.Split(',');

    private static async Task<string> FixturesInstanceAsync(PrometheusClient prometheus) =>
        (await prometheus.QueryAsync("up{job=\"rabbitmq\"}")).Series.Single().Labels["instance"];
}
