using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Tests.Resources;

public sealed class ResourceRowsTests
{
    private static MetricSettingRow Row(ResourceDraft draft)
    {
        var row = new MetricSettingRow { MetricId = draft.Id!, Category = "", Name = "", Unit = "", Direction = "" };
        ResourceRows.Apply(row, draft);
        return row;
    }

    private static readonly ResourceDraft Pods = new()
    {
        Id = "k8s_pods", Name = "Pods against quota", Category = "Saturation", Unit = "count", Direction = "AboveIsBad",
        Warning = 80, Critical = 90, UsageQuery = "kube_resourcequota{resource=\"pods\",type=\"used\"}",
        CapacityQuery = "kube_resourcequota{resource=\"pods\",type=\"hard\"}", EntityLabel = "namespace", Note = "per namespace",
    };

    [Fact]
    public void CustomResource_RoundTripsThroughItsRow_AndIsJudgedInPercentOfCapacity()
    {
        var row = Row(Pods);
        Assert.False(row.IsBuiltIn);
        Assert.Equal(MetricUnits.Percent, row.Unit);
        Assert.Equal("count", row.UsageUnit);
        Assert.Equal(Pods with { LoadModel = "Linear" }, ResourceRows.ToDraft(row));

        var spec = ResourceRows.ToSpec(row);
        Assert.Equal(MetricUnits.Percent, spec.MeasuredUnit);
        Assert.Equal(LoadModelChoice.Linear, spec.LoadModel);
        var metric = ThresholdsInForce.Resolve([row]).Get("k8s_pods");
        Assert.Equal(new Threshold(80, 90, ThresholdDirection.AboveIsBad, MetricUnits.Percent), metric.Threshold);
        Assert.Equal(MetricCategory.Saturation, metric.Category);
    }

    [Fact]
    public void Resolve_KeepsBuiltInsFirst_AddsValidCustomRows_AndSkipsBrokenOnes()
    {
        var broken = Row(Pods with { Id = "broken" });
        broken.Category = "Nonsense";
        var catalog = ThresholdsInForce.Resolve([Row(Pods), broken]);
        Assert.Equal([.. MetricCatalog.Default.Metrics.Select(m => m.Id), "k8s_pods"], catalog.Metrics.Select(m => m.Id));
    }

    [Fact]
    public void BuiltIn_QueryInForce_IsSavedThenConfiguredThenDefault()
    {
        var row = Row(new ResourceDraft { Id = MetricIds.QueueDepth, Warning = 1000, Critical = 10000 });
        Assert.True(row.IsBuiltIn);
        Assert.Equal("Queue depth", row.Name);
        Assert.Equal(DefaultQueries.All[MetricIds.QueueDepth], ResourceRows.ToSpec(row).UsageQuery);
        Assert.Equal("default", ResourceRows.QuerySource(row));
        var configured = new Dictionary<string, string> { [MetricIds.QueueDepth] = "sum(jobs_waiting)" };
        Assert.Equal("sum(jobs_waiting)", ResourceRows.ToSpec(row, configured).UsageQuery);
        Assert.Equal("configuration", ResourceRows.QuerySource(row, configured));
        row.UsageQuery = "sum(my_queue)";
        Assert.Equal("sum(my_queue)", ResourceRows.ToSpec(row, configured).UsageQuery);
        Assert.Equal("saved", ResourceRows.QuerySource(row, configured));
    }

    [Theory]
    [InlineData(null, null, "x")]
    [InlineData("c", null, "100 * (x) / on () group_left () max (c)")]
    [InlineData("c", "pod", "100 * (x) / on (pod) group_left () max by (pod) (c)")]
    public void Measured_IsUsageOrUsageOverCapacityOnTheEntityLabel(string? capacity, string? label, string expected) =>
        Assert.Equal(expected, ResourceQuery.Measured(" x ", capacity, label));
}
