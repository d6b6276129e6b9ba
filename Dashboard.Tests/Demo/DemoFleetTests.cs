using Dashboard.Jobs.Demo;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Demo;

/// <summary>
/// The demo's generated past and its scraped present are one series: every default query, run on
/// the real Prometheus scraping the demo workload, gives the demo's series exactly the entity the
/// history generator writes them under.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class DemoFleetTests(DashboardAppFactory app)
{
    public static TheoryData<string> Series() => [.. DefaultQueries.All.Keys, Jobs.Forecasting.ForecastSeriesIds.ActiveUsers];

    [Theory]
    [MemberData(nameof(Series))]
    public async Task DefaultQuery_OnTheScrapedDemo_GivesTheEntityTheHistoryIsWrittenUnder(string metric)
    {
        var prometheus = app.Services.GetRequiredService<PrometheusClient>();
        var expected = DemoFleet.EntityOf(metric).Text;

        var entities = await Eventually.WaitForAsync(
            async () => (await prometheus.QueryAsync(DefaultQueries.For(metric), DateTimeOffset.UtcNow, CancellationToken.None))
                .ToObservations(metric).Select(o => o.Entity).ToList(),
            found => found.Contains(expected), TimeSpan.FromSeconds(60), $"the demo's {metric} series in Prometheus");

        Assert.Contains(expected, entities);
    }

    [Fact]
    public async Task Availability_OnTheScrapedDemo_ComesFromRequests()
    {
        var prometheus = app.Services.GetRequiredService<PrometheusClient>();

        var result = await Eventually.WaitForAsync(
            () => prometheus.QueryAsync(DefaultQueries.Availability, DateTimeOffset.UtcNow, CancellationToken.None),
            r => r.Series.Count > 0, TimeSpan.FromSeconds(60), "the availability SLI");

        var series = Assert.Single(result.Series);
        Assert.Equal("requests", series.Labels["sli"]);
        Assert.InRange(series.Samples[^1].Value, 0, 100);
    }
}
