using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Tests.Live;

/// <summary>The one resolver of the thresholds in force: the catalog's direction and unit, the stored levels.</summary>
public sealed class ThresholdsInForceTests
{
    private static MetricSettingRow Row(string id, double warning, double critical, string direction, int? sustained = null) => new()
    {
        MetricId = id, Category = "x", Name = "x", Unit = "stored unit", Direction = direction,
        Warning = warning, Critical = critical, SustainedForSeconds = sustained, IsOverridden = true,
    };

    [Fact]
    public void Resolve_StoredLevels_OnTheCatalogsDirectionAndUnit()
    {
        // A stored copy that says AboveIsBad for uptime does not turn the catalog's below-is-bad around.
        var catalog = ThresholdsInForce.Resolve([Row(MetricIds.Uptime, 99.5, 99, "AboveIsBad"), Row(MetricIds.Cpu, 60, 80, "BelowIsBad", 120)]);

        var uptime = catalog.Get(MetricIds.Uptime).Threshold;
        Assert.Equal((99.5, 99, ThresholdDirection.BelowIsBad, "%"), (uptime.Warning, uptime.Critical, uptime.Direction, uptime.Unit));
        var cpu = catalog.Get(MetricIds.Cpu).Threshold;
        Assert.Equal((60, 80, ThresholdDirection.AboveIsBad, TimeSpan.FromMinutes(2)), (cpu.Warning, cpu.Critical, cpu.Direction, cpu.SustainedFor));
        Assert.Equal(MetricCatalog.Default.Get(MetricIds.Disk).Threshold, catalog.Get(MetricIds.Disk).Threshold);
    }

    [Fact]
    public void Resolve_NoStoredWindow_MeansAtOnce_NotTheCatalogsDefault()
    {
        var cpu = ThresholdsInForce.Resolve([Row(MetricIds.Cpu, 70, 90, "AboveIsBad", sustained: null)]).Get(MetricIds.Cpu).Threshold;

        Assert.Null(cpu.SustainedFor);
    }

    [Fact]
    public void ToThreshold_IsTheResolversAnswer()
    {
        var row = Row(MetricIds.Memory, 70, 85, "nonsense");

        Assert.Equal(ThresholdsInForce.Resolve([row]).Get(MetricIds.Memory).Threshold, row.ToThreshold());
    }

    [Fact]
    public void Resolve_LevelsInTheWrongOrder_NamesTheMetric()
    {
        var error = Assert.Throws<DomainValidationException>(() => ThresholdsInForce.Resolve([Row(MetricIds.Cpu, 90, 70, "AboveIsBad")]));

        Assert.Contains("cpu", error.Message);
    }
}
