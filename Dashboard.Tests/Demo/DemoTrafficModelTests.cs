using Dashboard.Jobs.Demo;

namespace Dashboard.Tests.Demo;

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

public sealed class DemoHistoryTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Generate_NinetyDaysAtFiveMinutes_EveryCatalogMetricPlusUsers_UnderTheLiveDemoEntity()
    {
        var points = DemoHistory.Generate(new DemoTrafficModel(Anchor), TimeSpan.FromDays(90), TimeSpan.FromMinutes(5)).ToList();

        var routes = points.Where(p => p.Metric.StartsWith("route_latency_", StringComparison.Ordinal)).ToList();
        points = [.. points.Except(routes)];
        var perMetric = points.GroupBy(p => p.Metric).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(13, perMetric.Count);
        Assert.All(perMetric.Values, n => Assert.Equal(90 * 24 * 12, n));
        Assert.All(points, p => Assert.Equal(DemoFleet.EntityOf(p.Metric).Text, p.Entity));
        // Per-route latency: the last seven days, p50 and p99 for each of the demo's routes.
        Assert.Equal(7 * 24 * 12 * DemoFleet.Routes.Count * 2, routes.Count);
        Assert.Equal(Anchor.AddDays(-7), routes.Min(p => p.Timestamp));
        Assert.Equal(Anchor.AddDays(-90), points.Min(p => p.Timestamp));
        Assert.True(points.Max(p => p.Timestamp) < Anchor);
        Assert.DoesNotContain(points, p => double.IsNaN(p.Value));
    }

    [Fact]
    public void Generate_RouteLatency_UnderTheLiveRouteEntity_SlowRoutesSlower_P99AboveP50()
    {
        var points = DemoHistory.Generate(new DemoTrafficModel(Anchor), TimeSpan.FromDays(2), TimeSpan.FromMinutes(5))
            .Where(p => p.Metric.StartsWith("route_latency_", StringComparison.Ordinal)).ToList();

        // The entity the per-route query gives the live series ('sum by (le, route)' keeps only the route).
        Assert.Equal(DemoFleet.Routes.Select(r => $"route=\"{r.Route}\"").Order(), points.Select(p => p.Entity).Distinct().Order());
        double Median(string metric, string route) =>
            points.Where(p => p.Metric == metric && p.Entity == DemoFleet.RouteEntity(route).Text).Select(p => p.Value).Order().ElementAt(24 * 12);
        Assert.True(Median("route_latency_p50", "/checkout") > 3 * Median("route_latency_p50", "/"), "checkout's factor is 2.0, home's 0.6");
        Assert.All(DemoFleet.Routes, r => Assert.True(Median("route_latency_p99", r.Route) > 3 * Median("route_latency_p50", r.Route), r.Route));
    }

    [Fact]
    public void Generate_Disk_TrendsUpward()
    {
        var disk = DemoHistory.Generate(new DemoTrafficModel(Anchor), TimeSpan.FromDays(90), TimeSpan.FromHours(1))
            .Where(p => p.Metric == "disk").ToList();

        Assert.True(disk[^1].Value - disk[0].Value > 10, $"disk grew {disk[^1].Value - disk[0].Value:0.0} points in 90 days");
    }

    [Fact]
    public void Generate_Availability_IsTheComplementOfTheErrorRate()
    {
        var points = DemoHistory.Generate(new DemoTrafficModel(Anchor), TimeSpan.FromDays(2), TimeSpan.FromMinutes(5)).ToList();
        var errors = points.Where(p => p.Metric == "error_rate").ToDictionary(p => p.Timestamp, p => p.Value);

        Assert.All(points.Where(p => p.Metric == "uptime"), p => Assert.Equal(100 - errors[p.Timestamp], p.Value, 9));
    }

    [Fact]
    public void Generate_LastPointJoinsTheLiveModelAtTheAnchor()
    {
        var model = new DemoTrafficModel(Anchor);
        var disk = DemoHistory.Generate(model, TimeSpan.FromDays(1), TimeSpan.FromMinutes(5)).Where(p => p.Metric == "disk").ToList();

        // Disk has no noise: the history's last point and the live model five minutes later differ by the trend alone.
        Assert.Equal(model.At(Anchor).DiskPercent, disk[^1].Value, 1);
        Assert.Equal(Anchor - TimeSpan.FromMinutes(5), disk[^1].Timestamp);
    }
}
