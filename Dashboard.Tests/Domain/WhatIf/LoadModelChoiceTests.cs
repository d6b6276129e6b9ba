using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;

namespace Dashboard.Tests.Domain.WhatIf;

public sealed class LoadModelChoiceTests
{
    private static MetricCatalog With(LoadModelChoice model, ThresholdDirection direction = ThresholdDirection.AboveIsBad) =>
        new([new MetricDefinition("custom", MetricCategory.Saturation, "Custom", new Threshold(direction == ThresholdDirection.AboveIsBad ? 70 : 30, direction == ThresholdDirection.AboveIsBad ? 90 : 10, direction, MetricUnits.Percent)) { LoadModel = model }]);

    [Fact]
    public void Linear_ScalesWithLoad()
    {
        var report = WhatIfProjector.Project(With(LoadModelChoice.Linear), [new LoadBaseline("custom", 30)], 3, WhatIfAssumptions.Default);
        Assert.Equal(90, Assert.Single(report.Resources).Projected, 6);
    }

    [Fact]
    public void Growth_UsesTheGrowthRate()
    {
        var report = WhatIfProjector.Project(With(LoadModelChoice.Growth), [new LoadBaseline("custom", 30, GrowthPerDay: 0.1)], 2, WhatIfAssumptions.Default);
        var horizon = WhatIfAssumptions.Default.DiskHorizonDays * 0.1;
        Assert.Equal(30 + 2 * horizon, Assert.Single(report.Resources).Projected, 6);
    }

    [Fact]
    public void Queueing_RisesFasterThanLoad()
    {
        var report = WhatIfProjector.Project(With(LoadModelChoice.Queueing), [new LoadBaseline("custom", 30)], 2,
            WhatIfAssumptions.Default with { BottleneckUtilisation = 0.3 });
        Assert.True(Assert.Single(report.Resources).Projected > 30);
    }

    [Theory]
    [InlineData(LoadModelChoice.NotLoadDriven, ThresholdDirection.AboveIsBad)]
    [InlineData(LoadModelChoice.Linear, ThresholdDirection.BelowIsBad)]
    public void NotLoadDrivenOrBelowIsBad_IsListedAsNotProjected(LoadModelChoice model, ThresholdDirection direction)
    {
        var report = WhatIfProjector.Project(With(model, direction), [new LoadBaseline("custom", 50)], 3, WhatIfAssumptions.Default);
        Assert.Empty(report.Resources);
        Assert.Equal("custom", Assert.Single(report.NotProjected).MetricId);
    }
}
