using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Storage;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ObservationHistoryTests(DashboardAppFactory app)
{
    [Fact]
    public async Task GetAsync_ByRange_ReadsRawFiveMinuteAndHourlyFromTheReplica()
    {
        var metric = StoreFixture.NewMetric("history");
        var start = StoreFixture.WindowStart;
        var window = StoreFixture.Window(metric, start, 240, TimeSpan.FromSeconds(30), "a", "b");
        window[0] = window[0] with { Value = double.NaN };
        await app.Services.GetRequiredService<ObservationWriter>().WriteAsync(window, CancellationToken.None);
        await app.Services.GetRequiredService<ObservationRollups>().ProcessPendingAsync(CancellationToken.None);
        var history = app.Services.GetRequiredService<ObservationHistory>();

        // The replica may lag: wait until it has the hourly rows, written last.
        var hourly = await Eventually.WaitForAsync(
            () => history.GetAsync(metric, null, start.AddDays(-4), start.AddDays(4)),
            h => h.Count == 2 && h.All(s => s.Points.Count == 2), TimeSpan.FromSeconds(30), "the replica to have the hourly rollups");
        var raw = await history.GetAsync(metric, "a", start, start.AddHours(1));
        var fiveMinutes = await history.GetAsync(metric, "b", start.AddHours(-12), start.AddHours(12));

        Assert.All(hourly, s => Assert.Equal(HistoryResolution.OneHour, s.Resolution));
        Assert.Equal(["a", "b"], hourly.Select(s => s.Entity));
        Assert.Equal(239, hourly[0].Points.Sum(p => p.Count));

        var a = Assert.Single(raw);
        Assert.Equal(HistoryResolution.Raw, a.Resolution);
        Assert.Equal(120, a.Points.Count);
        Assert.True(double.IsNaN(a.Points[0].Avg));
        Assert.Equal(window.Skip(1).Take(119).Select(o => (o.Timestamp, o.Value)), a.Points.Skip(1).Select(p => (p.Time, p.Avg)));

        var b = Assert.Single(fiveMinutes);
        Assert.Equal(HistoryResolution.FiveMinutes, b.Resolution);
        Assert.Equal(24, b.Points.Count);
        var firstBucket = window.Skip(240).Take(10).Select(o => o.Value).ToList();
        Assert.Equal((firstBucket.Min(), firstBucket.Max(), 10L), (b.Points[0].Min, b.Points[0].Max, b.Points[0].Count));
        Assert.Equal(firstBucket.Average(), b.Points[0].Avg, 1e-9);
    }

    [Fact]
    public async Task GetAsync_UnknownMetric_ReturnsNoSeries()
    {
        var history = app.Services.GetRequiredService<ObservationHistory>();

        var result = await history.GetAsync(StoreFixture.NewMetric("absent"), null, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow);

        Assert.Empty(result);
    }
}
