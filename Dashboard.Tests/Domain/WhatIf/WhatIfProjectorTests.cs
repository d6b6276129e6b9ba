using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;

namespace Dashboard.Tests.Domain.WhatIf;

public class WhatIfProjectorTests
{
    private static WhatIfReport Project(double multiplier, WhatIfAssumptions? assumptions, params LoadBaseline[] baselines) =>
        WhatIfProjector.Project(MetricCatalog.Default, baselines, multiplier, assumptions);

    private static WhatIfReport Project(double multiplier, params LoadBaseline[] baselines) => Project(multiplier, null, baselines);

    private static ResourceProjection Resource(WhatIfReport report, string id) => Assert.Single(report.Resources, r => r.MetricId == id);

    private static LoadBaseline Reading(string id, double value, double? growth = null) => new(id, value, growth);

    [Fact]
    public void Cpu30_At3x_ExactlyAtCriticalIsOnlyWarning()
    {
        var cpu = Resource(Project(3, Reading(MetricIds.Cpu, 30)), MetricIds.Cpu);

        Assert.Equal(90, cpu.Projected);
        Assert.Equal(ThresholdBreach.Warning, cpu.Breach);
        Assert.False(cpu.Saturated);
        Assert.Equal("CPU utilization", cpu.Name);
        Assert.Equal(MetricUnits.Percent, cpu.Unit);
        Assert.Equal(30, cpu.Current);
    }

    [Fact]
    public void Cpu30_At10x_IsSaturatedCriticalAndNotCapped()
    {
        var cpu = Resource(Project(10, Reading(MetricIds.Cpu, 30)), MetricIds.Cpu);

        Assert.Equal(300, cpu.Projected);
        Assert.True(cpu.Saturated);
        Assert.Equal(ThresholdBreach.Critical, cpu.Breach);
    }

    [Fact]
    public void Cpu35_BreakingMultipliers_AreSolvedAtTheLevels()
    {
        var cpu = Resource(Project(1, Reading(MetricIds.Cpu, 35)), MetricIds.Cpu);

        Assert.Equal(2, cpu.WarningAtMultiplier!.Value, 12);
        Assert.Equal(90.0 / 35, cpu.CriticalAtMultiplier!.Value, 12);
    }

    [Fact]
    public void BreakingMultiplier_IsTheEdge_BreachedAtItAndNotJustBelow()
    {
        var cpu = Resource(Project(1, Reading(MetricIds.Cpu, 35)), MetricIds.Cpu);
        var critical = cpu.CriticalAtMultiplier!.Value;

        Assert.Equal(ThresholdBreach.Critical, Resource(Project(critical, Reading(MetricIds.Cpu, 35)), MetricIds.Cpu).Breach);
        Assert.Equal(ThresholdBreach.Warning, Resource(Project(critical - 1e-9, Reading(MetricIds.Cpu, 35)), MetricIds.Cpu).Breach);
    }

    [Fact]
    public void AlreadyPastToday_BreaksAt1x_NeverWithin20x_IsNull()
    {
        var report = Project(1, Reading(MetricIds.Cpu, 95), Reading(MetricIds.DbConnections, 0));

        var cpu = Resource(report, MetricIds.Cpu);
        Assert.Equal(1, cpu.WarningAtMultiplier);
        Assert.Equal(1, cpu.CriticalAtMultiplier);
        var idle = Resource(report, MetricIds.DbConnections);
        Assert.Null(idle.WarningAtMultiplier);
        Assert.Null(idle.CriticalAtMultiplier);
    }

    [Fact]
    public void DbConnections_ScaleLinearlyLikeCpu()
    {
        var connections = Resource(Project(2.5, Reading(MetricIds.DbConnections, 20)), MetricIds.DbConnections);

        Assert.Equal(50, connections.Projected);
        Assert.Equal(3.5, connections.WarningAtMultiplier!.Value, 12);
        Assert.Equal(4.5, connections.CriticalAtMultiplier!.Value, 12);
    }

    [Fact]
    public void Memory_KeepsItsFixedShare_OnlyTheRestScales()
    {
        // 40 % of 50 is fixed: m(k) = 20 + 30 k.
        var memory = Resource(Project(2, Reading(MetricIds.Memory, 50)), MetricIds.Memory);

        Assert.Equal(80, memory.Projected, 12);
        Assert.Equal(ThresholdBreach.None, memory.Breach);
        Assert.Equal(2, memory.WarningAtMultiplier!.Value, 12);
        Assert.Equal(70.0 / 30, memory.CriticalAtMultiplier!.Value, 12);
        Assert.Contains("40 % of today's use is fixed", memory.Model);
    }

    [Fact]
    public void Memory_WithNoFixedShare_ScalesLikeCpu()
    {
        var assumptions = new WhatIfAssumptions { MemoryFixedShare = 0 };

        var memory = Resource(Project(1.5, assumptions, Reading(MetricIds.Memory, 50)), MetricIds.Memory);

        Assert.Equal(75, memory.Projected, 12);
    }

    [Fact]
    public void Disk_AddsTheHorizonsGrowthScaledByLoad()
    {
        // 60 % now, 0.5 points a day, 30 days: 60 + 15 k.
        var report = Project(2, Reading(MetricIds.Disk, 60, 0.5));

        var disk = Resource(report, MetricIds.Disk);
        Assert.Equal(90, disk.Projected, 12);
        Assert.Equal(ThresholdBreach.Warning, disk.Breach);
        Assert.Equal(1, disk.WarningAtMultiplier!.Value, 12);
        Assert.Equal(2, disk.CriticalAtMultiplier!.Value, 12);
        Assert.Equal(75, Resource(Project(1, Reading(MetricIds.Disk, 60, 0.5)), MetricIds.Disk).Projected, 12);
    }

    [Fact]
    public void Disk_HorizonIsAnAssumption()
    {
        var disk = Resource(Project(2, new WhatIfAssumptions { DiskHorizonDays = 10 }, Reading(MetricIds.Disk, 60, 0.5)), MetricIds.Disk);

        Assert.Equal(70, disk.Projected, 12);
    }

    [Fact]
    public void Disk_WithoutGrowthRate_IsNotProjected()
    {
        var report = Project(3, Reading(MetricIds.Disk, 60));

        Assert.DoesNotContain(report.Resources, r => r.MetricId == MetricIds.Disk);
        var skipped = Assert.Single(report.NotProjected, n => n.MetricId == MetricIds.Disk);
        Assert.Contains("growth rate", skipped.Reason);
    }

    [Fact]
    public void Disk_Shrinking_StaysAtTodaysUse()
    {
        var disk = Resource(Project(20, Reading(MetricIds.Disk, 60, -0.3)), MetricIds.Disk);

        Assert.Equal(60, disk.Projected);
        Assert.Null(disk.WarningAtMultiplier);
    }

    [Fact]
    public void Latency_GrowsAsMm1_WithTheBusierOfCpuAndConnections()
    {
        // u = max(20 %, 40 %) = 0.4; at 2x: 100 x (1 - 0.4) / (1 - 0.8) = 300 ms.
        var report = Project(2, Reading(MetricIds.Cpu, 20), Reading(MetricIds.DbConnections, 40), Reading(MetricIds.LatencyP50, 100));

        var p50 = Resource(report, MetricIds.LatencyP50);
        Assert.Equal(300, p50.Projected, 9);
        Assert.Equal(ThresholdBreach.Warning, p50.Breach);
        Assert.False(p50.Saturated);
        // 200 ms: 1 - 0.4 k = 0.3, k = 1.75; 500 ms: 1 - 0.4 k = 0.12, k = 2.2.
        Assert.Equal(1.75, p50.WarningAtMultiplier!.Value, 9);
        Assert.Equal(2.2, p50.CriticalAtMultiplier!.Value, 9);
    }

    [Fact]
    public void Latency_AtSaturation_IsCriticalWithAFiniteLowerBound()
    {
        var report = Project(2.5, Reading(MetricIds.Cpu, 40), Reading(MetricIds.LatencyP50, 5));

        var p50 = Resource(report, MetricIds.LatencyP50);
        Assert.True(p50.Saturated);
        Assert.Equal(ThresholdBreach.Critical, p50.Breach);
        // Frozen at the ceiling: 5 x 0.6 / (1 - 0.99) = 300 ms.
        Assert.Equal(300, p50.Projected, 6);
        // Too small a number to be critical by itself: saturation is, at k u = 1.
        Assert.Equal(2.5, p50.CriticalAtMultiplier!.Value, 9);
    }

    [Fact]
    public void P99_WithATailExponent_GrowsFasterThanP50()
    {
        var assumptions = new WhatIfAssumptions { P99LatencyExponent = 2 };

        var report = Project(2, assumptions, Reading(MetricIds.Cpu, 40), Reading(MetricIds.LatencyP50, 100), Reading(MetricIds.LatencyP99, 100));

        Assert.Equal(300, Resource(report, MetricIds.LatencyP50).Projected, 9);
        Assert.Equal(900, Resource(report, MetricIds.LatencyP99).Projected, 9);
    }

    [Fact]
    public void P99_ByDefault_GrowsByTheSameFactorAsP50()
    {
        var report = Project(2, Reading(MetricIds.Cpu, 40), Reading(MetricIds.LatencyP99, 400));

        Assert.Equal(1_200, Resource(report, MetricIds.LatencyP99).Projected, 9);
    }

    [Fact]
    public void BottleneckAssumption_OverridesTheReadings()
    {
        var assumptions = new WhatIfAssumptions { BottleneckUtilisation = 0.5 };

        var report = Project(1.5, assumptions, Reading(MetricIds.Cpu, 10), Reading(MetricIds.LatencyP50, 100));

        // 100 x 0.5 / 0.25.
        Assert.Equal(200, Resource(report, MetricIds.LatencyP50).Projected, 9);
    }

    [Fact]
    public void QueueDepth_ScalesByTheMm1WaitingJobsRatio()
    {
        // u = 0.5; at 1.5x rho = 0.75: 1.5^2 x 0.5 / 0.25 = 4.5 times today's depth.
        var assumptions = new WhatIfAssumptions { QueueUtilisation = 0.5 };

        var report = Project(1.5, assumptions, Reading(MetricIds.QueueDepth, 100), Reading(MetricIds.QueueLatency, 10));

        Assert.Equal(450, Resource(report, MetricIds.QueueDepth).Projected, 9);
        Assert.Equal(20, Resource(report, MetricIds.QueueLatency).Projected, 9);
    }

    [Fact]
    public void QueueDepth_PastSaturation_GrowsWithoutBound_ReportedCritical()
    {
        var assumptions = new WhatIfAssumptions { QueueUtilisation = 0.5 };

        var depth = Resource(Project(2, assumptions, Reading(MetricIds.QueueDepth, 5)), MetricIds.QueueDepth);

        Assert.True(depth.Saturated);
        Assert.Equal(ThresholdBreach.Critical, depth.Breach);
        Assert.True(double.IsFinite(depth.Projected));
        Assert.Equal(2, depth.CriticalAtMultiplier!.Value, 9);
    }

    [Fact]
    public void QueueDepth_IdleWorkers_GrowsAsTheSquareOfLoad()
    {
        var assumptions = new WhatIfAssumptions { QueueUtilisation = 0 };

        var depth = Resource(Project(3, assumptions, Reading(MetricIds.QueueDepth, 10)), MetricIds.QueueDepth);

        Assert.Equal(90, depth.Projected, 9);
        Assert.False(depth.Saturated);
    }

    [Fact]
    public void BottleneckAlreadyPastTheCeiling_LatencyHeldAtToday_CriticalOnceSaturated()
    {
        var assumptions = new WhatIfAssumptions { BottleneckUtilisation = 0.995 };

        var report = Project(1.01, assumptions, Reading(MetricIds.LatencyP50, 150));

        var p50 = Resource(report, MetricIds.LatencyP50);
        Assert.Equal(150, p50.Projected);
        Assert.True(p50.Saturated);
        Assert.Equal(ThresholdBreach.Critical, p50.Breach);
        Assert.Equal(1 / 0.995, p50.CriticalAtMultiplier!.Value, 9);
    }

    [Fact]
    public void QueueUtilisation_DefaultsToTheBottleneck()
    {
        var report = Project(1.5, Reading(MetricIds.Cpu, 50), Reading(MetricIds.QueueLatency, 10));

        Assert.Equal(20, Resource(report, MetricIds.QueueLatency).Projected, 9);
    }

    [Fact]
    public void ErrorRate_UnchangedUntilSaturation_ThenTheExcessFails()
    {
        LoadBaseline[] readings = [Reading(MetricIds.Cpu, 50), Reading(MetricIds.ErrorRate, 0.1)];

        var before = Resource(Project(1.9, readings), MetricIds.ErrorRate);
        var after = Resource(Project(4, readings), MetricIds.ErrorRate);

        Assert.Equal(0.1, before.Projected);
        Assert.Equal(ThresholdBreach.None, before.Breach);
        // k u = 2: half the requests cannot be served; 100 - 99.9 / 2.
        Assert.Equal(50.05, after.Projected, 9);
        Assert.True(after.Saturated);
        Assert.Equal(ThresholdBreach.Critical, after.Breach);
        Assert.Equal(2, before.CriticalAtMultiplier!.Value, 9);
    }

    [Fact]
    public void AtOneTimes_EveryLoadDrivenMetricButDiskEqualsItsReading()
    {
        var report = Project(1, FullBaseline());

        foreach (var resource in report.Resources.Where(r => r.MetricId != MetricIds.Disk))
        {
            Assert.Equal(resource.Current, resource.Projected);
        }

        Assert.Equal(8, report.Resources.Count(r => r.MetricId != MetricIds.Disk));
    }

    [Fact]
    public void NotLoadDriven_AndMissingReadings_AreListedWithReasons_NeverZero()
    {
        var report = Project(3, Reading(MetricIds.Cpu, 30), Reading(MetricIds.Uptime, 99.95), Reading(MetricIds.PaymentSuccess, 99));

        Assert.Equal(
            [MetricIds.Uptime, MetricIds.LatencyP50, MetricIds.LatencyP99, MetricIds.ErrorRate, MetricIds.Memory, MetricIds.DbConnections,
                MetricIds.Disk, MetricIds.QueueDepth, MetricIds.QueueLatency, MetricIds.SignupSuccess, MetricIds.PaymentSuccess],
            report.NotProjected.Select(n => n.MetricId));
        Assert.StartsWith("not load-driven", report.NotProjected.Single(n => n.MetricId == MetricIds.Uptime).Reason);
        Assert.StartsWith("not load-driven", report.NotProjected.Single(n => n.MetricId == MetricIds.PaymentSuccess).Reason);
        Assert.Equal("no current reading", report.NotProjected.Single(n => n.MetricId == MetricIds.Memory).Reason);
        Assert.Equal("no current reading", report.NotProjected.Single(n => n.MetricId == MetricIds.LatencyP50).Reason);
        Assert.Single(report.Resources);
    }

    [Fact]
    public void LatencyWithoutCpuOrConnections_IsNotProjected()
    {
        var report = Project(3, Reading(MetricIds.LatencyP50, 100), Reading(MetricIds.ErrorRate, 1), Reading(MetricIds.QueueDepth, 10));

        Assert.Empty(report.Resources);
        Assert.All(
            report.NotProjected.Where(n => n.MetricId is MetricIds.LatencyP50 or MetricIds.ErrorRate or MetricIds.QueueDepth),
            n => Assert.Contains("how busy the bottleneck is", n.Reason));
    }

    [Fact]
    public void ThresholdOverrides_AreUsed()
    {
        var catalog = MetricCatalog.Default.WithOverrides([new ThresholdOverride(MetricIds.Cpu, Warning: 60)]);

        var cpu = Resource(WhatIfProjector.Project(catalog, [Reading(MetricIds.Cpu, 30)], 2.5), MetricIds.Cpu);

        Assert.Equal(2, cpu.WarningAtMultiplier!.Value, 12);
        Assert.Equal(ThresholdBreach.Warning, cpu.Breach);
    }

    [Fact]
    public void Ranking_CriticalThenWarningThenOk_EachByItsBreakingMultiplier()
    {
        var report = Project(
            3,
            Reading(MetricIds.Cpu, 31),           // 93: critical past 2.90x
            Reading(MetricIds.DbConnections, 32), // 96: critical past 2.81x
            Reading(MetricIds.Memory, 30),        // 12 + 18 k = 66: ok, warns past 3.78x
            Reading(MetricIds.Disk, 50, 0.3),     // 50 + 9 k = 77: warning past 2.78x
            Reading(MetricIds.LatencyP50, 10),    // 10 x 0.68 / 0.04 = 170: ok, warns past 3.02x
            Reading(MetricIds.LatencyP99, 100));  // 1,700: warning past 2.91x

        Assert.Equal(
            [MetricIds.DbConnections, MetricIds.Cpu, MetricIds.Disk, MetricIds.LatencyP99, MetricIds.LatencyP50, MetricIds.Memory],
            report.Resources.Select(r => r.MetricId));
    }

    [Fact]
    public void Monotone_NoProjectionEverFallsAsTheMultiplierGrows()
    {
        var random = new Random(2_024);
        for (var trial = 0; trial < 40; trial++)
        {
            var assumptions = new WhatIfAssumptions
            {
                MemoryFixedShare = random.NextDouble(),
                P99LatencyExponent = 1 + (random.NextDouble() * 2),
                QueueUtilisation = trial % 3 == 0 ? random.NextDouble() : null,
            };
            LoadBaseline[] baselines =
            [
                Reading(MetricIds.Cpu, random.NextDouble() * 100),
                Reading(MetricIds.DbConnections, random.NextDouble() * 100),
                Reading(MetricIds.Memory, random.NextDouble() * 100),
                Reading(MetricIds.Disk, random.NextDouble() * 100, (random.NextDouble() * 2) - 0.5),
                Reading(MetricIds.LatencyP50, random.NextDouble() * 300),
                Reading(MetricIds.LatencyP99, random.NextDouble() * 2_000),
                Reading(MetricIds.ErrorRate, random.NextDouble() * 3),
                Reading(MetricIds.QueueDepth, random.NextDouble() * 5_000),
                Reading(MetricIds.QueueLatency, random.NextDouble() * 60),
            ];

            Dictionary<string, ResourceProjection>? previous = null;
            for (var k = 1.0; k <= 20; k += 0.05)
            {
                var now = Project(k, assumptions, baselines).Resources.ToDictionary(r => r.MetricId);
                Assert.Equal(9, now.Count);
                foreach (var (id, resource) in now)
                {
                    Assert.True(double.IsFinite(resource.Projected), $"{id} at {k}x is not finite");
                    if (previous?[id] is { } before)
                    {
                        Assert.True(resource.Projected >= before.Projected, $"{id} fell from {before.Projected} to {resource.Projected} at {k}x");
                        Assert.True(resource.Breach >= before.Breach, $"{id} breach fell at {k}x");
                        Assert.True(resource.Saturated || !before.Saturated, $"{id} left saturation at {k}x");
                    }

                    Assert.True(!resource.Saturated || resource.Breach == ThresholdBreach.Critical, $"{id} saturated but not critical at {k}x");
                    Assert.Equal(resource.WarningAtMultiplier is { } w && w <= k, resource.Breach >= ThresholdBreach.Warning);
                    Assert.Equal(resource.CriticalAtMultiplier is { } c && c <= k, resource.Breach == ThresholdBreach.Critical);
                }

                previous = now;
            }
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(20.01)]
    [InlineData(double.NaN)]
    public void Multiplier_OutsideOneToTwenty_ThrowsNamingIt(double multiplier)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Project(multiplier, Reading(MetricIds.Cpu, 30)));

        Assert.Contains("What-if load multiplier", ex.Message);
    }

    [Fact]
    public void UnknownMetricId_ThrowsNamingIt()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Project(2, Reading("gpu", 30)));

        Assert.Contains("'gpu'", ex.Message);
    }

    [Fact]
    public void DuplicateMetricId_ThrowsNamingIt()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Project(2, Reading(MetricIds.Cpu, 30), Reading(MetricIds.Cpu, 40)));

        Assert.Contains("'cpu' has more than one", ex.Message);
    }

    [Theory]
    [InlineData(MetricIds.Cpu, double.NaN, "finite")]
    [InlineData(MetricIds.LatencyP50, -1, "must not be negative")]
    [InlineData(MetricIds.Memory, 100.5, "between 0 and 100")]
    [InlineData(MetricIds.QueueDepth, double.PositiveInfinity, "finite")]
    public void BadReading_ThrowsNamingTheMetricAndRule(string id, double value, string rule)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Project(2, Reading(id, value)));

        Assert.Contains($"Current reading of '{id}'", ex.Message);
        Assert.Contains(rule, ex.Message);
    }

    [Fact]
    public void NonFiniteGrowth_ThrowsNamingIt()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Project(2, Reading(MetricIds.Disk, 50, double.NaN)));

        Assert.Contains("Growth per day of 'disk'", ex.Message);
    }

    internal static LoadBaseline[] FullBaseline() =>
    [
        Reading(MetricIds.Uptime, 99.95),
        Reading(MetricIds.LatencyP50, 120),
        Reading(MetricIds.LatencyP99, 800),
        Reading(MetricIds.ErrorRate, 0.2),
        Reading(MetricIds.Cpu, 35),
        Reading(MetricIds.Memory, 55),
        Reading(MetricIds.DbConnections, 30),
        Reading(MetricIds.Disk, 40, 0.2),
        Reading(MetricIds.QueueDepth, 200),
        Reading(MetricIds.QueueLatency, 5),
        Reading(MetricIds.SignupSuccess, 97),
        Reading(MetricIds.PaymentSuccess, 99),
    ];
}
