using Dashboard.Jobs.Demo;

namespace Dashboard.Tests.Jobs;

public sealed class DemoTrafficModelTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Latency_LoadMultiplied_RisesFasterThanLinearly()
    {
        var model = new DemoTrafficModel(Anchor);
        var at = Anchor.AddHours(15);

        var normal = model.At(at).LatencyP50Ms;
        model.LoadMultiplier = 3;
        var triple = model.At(at).LatencyP50Ms;

        Assert.True(triple > normal * 1.5, $"p50 at 3x load {triple:0} ms vs {normal:0} ms");
    }

    [Fact]
    public void Load_AfternoonVersusNight_Higher()
    {
        var model = new DemoTrafficModel(Anchor);

        Assert.True(model.At(Anchor.AddHours(15)).RequestsPerSecond > 2 * model.At(Anchor.AddHours(3)).RequestsPerSecond);
    }

    [Fact]
    public void Users_NinetyDaysEarlier_FewerByMonthlyGrowth()
    {
        var model = new DemoTrafficModel(Anchor, activeUsersAtAnchor: 2_400);

        var earlier = model.At(Anchor.AddDays(-90)).ActiveUsers;

        Assert.Equal(2_400 / Math.Pow(1.04, 3), earlier, precision: 6);
    }

    [Fact]
    public void Incidents_OverAWeek_RareAndFiveMinutesEach()
    {
        var minutes = Enumerable.Range(0, 7 * 24 * 60).Select(m => Anchor.AddMinutes(m)).ToList();

        var incidentMinutes = minutes.Count(DemoTrafficModel.IsIncident);

        Assert.InRange(incidentMinutes, 5, 7 * 24 * 60 / 20);
        Assert.Equal(0, incidentMinutes % 5);
    }

    [Fact]
    public void Values_AnyTime_StayInCatalogRanges()
    {
        var model = new DemoTrafficModel(Anchor) { LoadMultiplier = 20 };
        for (var h = -90 * 24; h < 24; h += 7)
        {
            var s = model.At(Anchor.AddHours(h));
            Assert.InRange(s.CpuPercent, 0, 100);
            Assert.InRange(s.ErrorRatePercent, 0, 100);
            Assert.InRange(s.DiskPercent, 0, 100);
            Assert.True(s.LatencyP99Ms > s.LatencyP50Ms);
        }
    }
}
