using System.Text.RegularExpressions;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Resources.Presets;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Tests.Resources.Presets;

/// <summary>The shipped presets as data: well-formed, re-pointing built-ins without changing them, and the demo being the defaults.</summary>
public sealed partial class PresetCatalogTests
{
    public static TheoryData<string> PresetIds => new(PresetCatalog.All.Select(p => p.Id));

    [Fact]
    public void Catalog_ShipsTheElevenPacks()
    {
        Assert.Equal(
            ["node", "postgres", "redis", "kubernetes", "rabbitmq", "kafka", "otel-http", "prometheus-net-http", "ingress-nginx", "blackbox", "demo"],
            PresetCatalog.All.Select(p => p.Id));
    }

    [Fact]
    public void Demo_IsTheDefaultQueriesExactly()
    {
        var demo = PresetCatalog.Find("demo")!;

        Assert.Equal(MetricCatalog.Default.Metrics.Select(m => m.Id), demo.Resources.Select(r => r.Id));
        Assert.All(demo.Resources, r => Assert.Equal(DefaultQueries.All[r.Id], ResourceQuery.Measured(r)));
        Assert.Equal(demo.Resources.Select(r => r.Id), demo.RepointedBuiltIns);
    }

    [Theory]
    [MemberData(nameof(PresetIds))]
    public void RepointedBuiltIn_KeepsTheCatalogsNameLevelsAndUnit(string presetId)
    {
        foreach (var resource in PresetCatalog.Find(presetId)!.Resources.Where(r => MetricCatalog.Default.TryGet(r.Id, out _)))
        {
            var metric = MetricCatalog.Default.Get(resource.Id);
            var threshold = metric.Threshold;
            Assert.Equal((metric.Name, metric.Category, metric.Unit, threshold.Direction, threshold.Warning, threshold.Critical, threshold.SustainedFor),
                (resource.Name, resource.Category, resource.Unit, resource.Direction, resource.Warning, resource.Critical, resource.SustainedFor));
            Assert.Null(resource.CapacityQuery);
        }
    }

    [Fact]
    public void CustomResourceIds_UniqueAcrossPresetsAndNeverAStoredSeries()
    {
        var custom = PresetCatalog.All.SelectMany(p => p.Resources).Select(r => r.Id).Where(id => !MetricCatalog.Default.TryGet(id, out _)).ToList();

        Assert.NotEmpty(custom);
        Assert.Equal(custom.Count, custom.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(custom.Intersect(DefaultQueries.Stored.Keys));
    }

    [Theory]
    [MemberData(nameof(PresetIds))]
    public void Preset_IdsUnitsLevelsAndEntitiesAreWellFormed(string presetId)
    {
        var preset = PresetCatalog.Find(presetId)!;

        Assert.Matches(PresetId(), preset.Id);
        Assert.False(string.IsNullOrWhiteSpace(preset.Name));
        Assert.False(string.IsNullOrWhiteSpace(preset.Description));
        Assert.NotEmpty(preset.RequiredMetrics);
        Assert.Equal(preset.Resources.Count, preset.Resources.Select(r => r.Id).Distinct().Count());
        Assert.All(preset.Resources, r =>
        {
            Assert.Matches(ResourceId(), r.Id);
            Assert.Contains(r.Unit, MetricUnits.All);
            Assert.False(string.IsNullOrWhiteSpace(r.Note));
            // The levels must make a valid threshold in the unit the figure is judged in.
            var threshold = new Threshold(r.Warning, r.Critical, r.Direction, r.MeasuredUnit, r.SustainedFor);
            Assert.Equal(r.Warning, threshold.Warning);
            if (r.EntityLabel is not null)
            {
                Assert.True(EntityLabels.IsValid(r.EntityLabel), $"{r.Id}: entity label '{r.EntityLabel}'");
            }
            if (r.CapacityQuery is not null)
            {
                Assert.NotNull(r.EntityLabel);
                Assert.Equal(MetricUnits.Percent, r.MeasuredUnit);
            }
        });
    }

    // Applying a preset stores its resources: each must pass the rules a resource typed by a person passes.
    [Theory]
    [MemberData(nameof(PresetIds))]
    public void EveryResource_PassesTheResourceRules(string presetId)
    {
        Assert.All(PresetCatalog.Find(presetId)!.Resources, r => Assert.Empty(ResourceRules.Check(ResourceRows.ToDraft(r))));
    }

    [Theory]
    [MemberData(nameof(PresetIds))]
    public void RequiredMetrics_AreReadByThePresetsQueriesAndEveryQueryNeedsOne(string presetId)
    {
        var preset = PresetCatalog.Find(presetId)!;
        var readByResource = preset.Resources.ToDictionary(r => r.Id, r => PromQlMetricNames.Of(ResourceQuery.Measured(r)));
        var read = readByResource.Values.SelectMany(n => n).ToHashSet();

        Assert.All(preset.RequiredMetrics, m => Assert.Contains(m, read));
        Assert.All(readByResource, r => Assert.True(r.Value.Overlaps(preset.RequiredMetrics),
            $"{r.Key} reads {string.Join(", ", r.Value)}, none of them required, so detection could propose it without data"));
    }

    [Fact]
    public void PromQlMetricNames_ReadsMetricsNotLabelsFunctionsOrStrings()
    {
        var names = PromQlMetricNames.Of(
            "label_replace(100 * sum by (le, job) (rate(a_bucket{job=\"x\",le!=\"1\"}[5m])) / on (job) group_left () max by (job) (b_total offset 5m), \"sli\", \"c\", \"\", \"\") or vector(0)");

        Assert.Equal(["a_bucket", "b_total"], names.Order());
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex PresetId();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ResourceId();
}
