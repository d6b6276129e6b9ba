using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Resources.Presets;

namespace Dashboard.Tests.Resources.Presets;

/// <summary>Detection as pure logic: metric names in, proposed and partial presets out.</summary>
public sealed class PresetDetectionTests
{
    private static readonly Preset Web = Pack("web", "http_a_bucket", "http_a_total");
    private static readonly Preset Queue = Pack("queue", "queue_ready");
    private static readonly Preset Disk = Pack("disk", "fs_size", "fs_avail");

    [Fact]
    public void Detect_AllRequiredOfSomePresets_ProposesExactlyThoseWithTheirMetrics()
    {
        var names = Names("http_a_bucket", "http_a_total", "queue_ready", "unrelated_total");

        var result = PresetDetection.Detect([Web, Queue, Disk], names);

        Assert.Equal(["web", "queue"], result.Proposed.Select(m => m.Preset.Id));
        Assert.Equal(["http_a_bucket", "http_a_total"], result.Proposed[0].Found);
        Assert.All(result.Proposed, m => Assert.Empty(m.Missing));
        Assert.Empty(result.Partial);
    }

    [Fact]
    public void Detect_SomeRequiredMissing_ReportsPartialWithMissingButDoesNotPropose()
    {
        var names = Names("http_a_total", "fs_avail");

        var result = PresetDetection.Detect([Web, Queue, Disk], names);

        Assert.Empty(result.Proposed);
        Assert.Equal(["web", "disk"], result.Partial.Select(m => m.Preset.Id));
        Assert.Equal(["http_a_total"], result.Partial[0].Found);
        Assert.Equal(["http_a_bucket"], result.Partial[0].Missing);
        Assert.Equal(["fs_size"], result.Partial[1].Missing);
        Assert.All(result.Partial, m => Assert.False(m.IsComplete));
    }

    [Fact]
    public void Detect_NoRequiredMetricAtAll_PresetNeitherProposedNorPartial()
    {
        var result = PresetDetection.Detect([Web, Queue, Disk], Names("something_else"));

        Assert.Empty(result.Proposed);
        Assert.Empty(result.Partial);
    }

    [Fact]
    public void Detect_NamesDifferOnlyInCase_NotAMatch()
    {
        var result = PresetDetection.Detect([Queue], Names("Queue_Ready"));

        Assert.Empty(result.Proposed);
    }

    [Fact]
    public void Detect_NodeExporterNamesOnly_ProposesNodeAndReportsTheDemoAsPartial()
    {
        var node = PresetCatalog.Find("node")!;

        var result = PresetDetection.Detect(PresetCatalog.All, Names([.. node.RequiredMetrics, "up", "scrape_duration_seconds"]));

        Assert.Equal(["node"], result.Proposed.Select(m => m.Preset.Id));
        // The demo reads the host through node_exporter too, but lacks its application metrics.
        var demo = Assert.Single(result.Partial);
        Assert.Equal("demo", demo.Preset.Id);
        Assert.Contains("demo_queue_depth", demo.Missing);
        Assert.DoesNotContain("node_cpu_seconds_total", demo.Missing);
    }

    [Fact]
    public void Detect_KubeStateMetricsWithoutCadvisor_KubernetesPartialNamingTheCadvisorMetrics()
    {
        var result = PresetDetection.Detect(PresetCatalog.All,
            Names("kube_pod_container_resource_limits", "kube_pod_container_resource_requests", "kube_pod_status_phase", "kube_resourcequota",
                "kube_node_status_allocatable"));

        Assert.Empty(result.Proposed);
        var kubernetes = Assert.Single(result.Partial);
        Assert.Equal("kubernetes", kubernetes.Preset.Id);
        Assert.Equal(["container_cpu_usage_seconds_total", "container_memory_working_set_bytes", "kubelet_volume_stats_used_bytes",
            "kubelet_volume_stats_capacity_bytes"], kubernetes.Missing);
    }

    [Fact]
    public void Detect_EveryPresetsRequiredMetrics_ProposesEveryPresetInCatalogOrder()
    {
        var result = PresetDetection.Detect(PresetCatalog.All, Names([.. PresetCatalog.All.SelectMany(p => p.RequiredMetrics)]));

        Assert.Equal(PresetCatalog.All.Select(p => p.Id), result.Proposed.Select(m => m.Preset.Id));
        Assert.Empty(result.Partial);
    }

    private static HashSet<string> Names(params string[] names) => new(names, StringComparer.Ordinal);

    private static Preset Pack(string id, params string[] required) =>
        new(id, id, "test pack", required,
            [new ResourceSpec($"{id}_x", id, MetricCategory.Saturation, MetricUnits.Count, ThresholdDirection.AboveIsBad, 1, 2, null, required[0])]);
}
