using Dashboard.Domain.Catalog;
using Dashboard.Domain.WhatIf;

namespace Dashboard.Tests.Domain.WhatIf;

public class WhatIfReportTests
{
    // CPU 32 %, connections 31 %: the bottleneck is 32 % busy; p50 10 ms, p99 100 ms, memory 30 %.
    private static readonly LoadBaseline[] Busy =
    [
        new(MetricIds.Cpu, 32),
        new(MetricIds.DbConnections, 31),
        new(MetricIds.LatencyP50, 10),
        new(MetricIds.LatencyP99, 100),
        new(MetricIds.Memory, 30),
    ];

    private static string Headline(double multiplier, params LoadBaseline[] baselines) =>
        WhatIfProjector.Project(MetricCatalog.Default, baselines, multiplier).Headline;

    [Fact]
    public void Headline_At3x_NamesWhatGoesCriticalAndWhatWarns()
    {
        // CPU 96 %, connections 93 %, p99 100 x 0.68 / 0.04 = 1,700 ms, p50 170 ms, memory 66 %.
        Assert.Equal("At 3x: CPU and database connections go critical; p99 latency reaches warning.", Headline(3, Busy));
    }

    [Fact]
    public void Headline_At10x_ListsEverythingCritical_InTheOrderItBreaks()
    {
        Assert.Equal(
            "At 10x: CPU, database connections, p99 latency, p50 latency and memory go critical.",
            Headline(10, Busy));
    }

    [Fact]
    public void Headline_OnlyWarnings()
    {
        Assert.Equal("At 2.5x: CPU reaches warning.", Headline(2.5, new LoadBaseline(MetricIds.Cpu, 30)));
    }

    [Fact]
    public void Headline_NothingCrosses_SaysWhatWarnsFirstAndWhen()
    {
        // 70 / 17 = 4.12.
        Assert.Equal(
            "At 3x nothing crosses a threshold; CPU is first to warn at 4.1x.",
            Headline(3, new LoadBaseline(MetricIds.Cpu, 17), new LoadBaseline(MetricIds.Memory, 20)));
    }

    [Fact]
    public void Headline_FirstWarningJustPastTheAskedMultiplier_SaysJustPast()
    {
        Assert.Equal(
            "At 2x nothing crosses a threshold; CPU is first to warn just past 2x.",
            Headline(2, new LoadBaseline(MetricIds.Cpu, 35)));
    }

    [Fact]
    public void Headline_NothingWithin20x()
    {
        Assert.Equal(
            "At 3x nothing crosses a threshold, nor does anything up to 20x.",
            Headline(3, new LoadBaseline(MetricIds.Cpu, 3)));
    }

    [Fact]
    public void Headline_NothingProjected_SaysSo()
    {
        Assert.Equal(
            "At 3x nothing can be projected: no load-driven metric has a reading.",
            Headline(3, new LoadBaseline(MetricIds.Uptime, 99.9)));
    }
}
