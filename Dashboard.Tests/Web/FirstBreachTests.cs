using Dashboard.Services;
using Dashboard.Services.Forecasts;

namespace Dashboard.Tests.Web;

/// <summary>Which stored forecast the owner's "revenue at risk" card is about: the soonest warning or critical crossing.</summary>
public sealed class FirstBreachTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static CrossingView Expected(double level, int days) =>
        new("Expected", level, Now.AddDays(days), Now.AddDays(days - 2), Now.AddDays(days + 3), true, days);

    private static ForecastSummary Series(string metric, CrossingView? warning, CrossingView? critical) =>
        new(metric, metric + " name", "", "%", "Forecasted", "ok", 50, "Linear", 0, new Dictionary<string, double>(), "Rising", 0.95, null, null, null,
            warning, critical, Now.AddMinutes(-5), Now.AddDays(-30), Now, Now.AddDays(90));

    [Fact]
    public void Breach_SoonestCrossingOfAnySeriesAndLevel_Wins()
    {
        var summaries = new[]
        {
            Series("disk", Expected(75, 20), Expected(90, 40)),
            Series("memory", Expected(80, 30), Expected(90, 12)),
        };

        var breach = BusinessSummaryService.Breach(summaries, Now);

        Assert.Equal("memory", breach.Metric);
        Assert.Equal("critical", breach.Level);
        Assert.Equal(Now.AddDays(12), breach.ExpectedAt);
        Assert.Equal(Now.AddDays(10), breach.Earliest);
        Assert.False(breach.AlreadyPast);
        Assert.Contains("memory name: critical level 90 %", breach.Note);
    }

    [Fact]
    public void Breach_AlreadyPast_CountsAsNow()
    {
        var past = new CrossingView("AlreadyPast", 70, null, null, null, true, 0);
        // The reading now is stale: what CPU reads now is unknown, so the fit's "already past" stands.
        var stale = new Dashboard.Jobs.Readings.SeriesReading
        {
            Metric = "cpu", Entity = "", Value = 95, SampledAt = Now.AddMinutes(-10), Status = Dashboard.Domain.Health.HealthStatus.Stale, EvaluatedAt = Now,
        };
        var summaries = new[] { Series("disk", Expected(75, 1), null), Series("cpu", past, null) with { Now = stale } };

        var breach = BusinessSummaryService.Breach(summaries, Now);

        Assert.Equal("cpu", breach.Metric);
        Assert.True(breach.AlreadyPast);
        Assert.Equal(Now, breach.ExpectedAt);
        Assert.Contains("has already crossed it", breach.Note);
    }

    [Fact]
    public void Breach_AlreadyPastForAnEndedSeries_IsNotABreachNow()
    {
        // No ingest pass reads the series any more (a fallback SLI series that gave way): past nothing now.
        var ended = Series("uptime", new CrossingView("AlreadyPast", 99.9, null, null, null, true, 0), null);

        var breach = BusinessSummaryService.Breach([Series("disk", Expected(75, 9), null), ended], Now);

        Assert.Equal("disk", breach.Metric);
    }

    [Theory]
    [InlineData(45, false)]
    [InlineData(85, true)]
    public void Breach_AlreadyPastForTheFit_CountsOnlyWhenTheReadingNowIsPastToo(double now, bool stillPast)
    {
        // The fit's last hourly point was past 70 %; the reading now decides whether it still is.
        var cpu = Series("cpu", new CrossingView("AlreadyPast", 70, null, null, null, true, 0), new CrossingView("None", 90, null, null, null, false, null)) with
        {
            Now = new Dashboard.Jobs.Readings.SeriesReading
            {
                Metric = "cpu", Entity = "", Value = now, SampledAt = Now, Status = Dashboard.Domain.Health.HealthStatus.Ok, EvaluatedAt = Now,
            },
        };

        var breach = BusinessSummaryService.Breach([Series("disk", Expected(75, 9), null), cpu], Now);

        Assert.Equal(stillPast ? "cpu" : "disk", breach.Metric);
        Assert.Equal(stillPast, breach.AlreadyPast);
    }

    [Fact]
    public void Breach_SameDate_CriticalBeforeWarning()
    {
        var breach = BusinessSummaryService.Breach([Series("disk", Expected(75, 5), Expected(90, 5))], Now);

        Assert.Equal("critical", breach.Level);
    }

    [Fact]
    public void Breach_NoDatedCrossing_OkWithoutABreach()
    {
        var noTrend = new CrossingView("NoTrend", 75, null, null, null, false, null);

        var breach = BusinessSummaryService.Breach([Series("disk", noTrend, null)], Now);

        Assert.Equal(SourceState.Ok, breach.State);
        Assert.Null(breach.ExpectedAt);
        Assert.Null(breach.Metric);
        Assert.Contains("No stored forecast reaches", breach.Note);
    }

    [Fact]
    public void Breach_NoForecastsAtAll_NoData()
    {
        var breach = BusinessSummaryService.Breach([], Now);

        Assert.Equal(SourceState.NoData, breach.State);
        Assert.Contains("No forecasts are stored yet", breach.Note);
    }
}
