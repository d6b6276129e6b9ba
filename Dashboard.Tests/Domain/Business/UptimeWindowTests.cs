using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class UptimeWindowTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static UptimeReading Hourly(int hour, double percent) => new(T0 + (hour * Hour), Hour, percent);

    [Fact]
    public void Measure_FullCoverage_TimeWeightedUptimeAndDowntime()
    {
        // 23 hours fully up and one hour at 0 %: 95.833 % up, one hour down.
        var readings = Enumerable.Range(0, 24).Select(h => Hourly(h, h == 5 ? 0 : 100));

        var window = UptimeWindow.Measure(readings, T0, T0.AddDays(1));

        Assert.Equal(100.0 * 23 / 24, window.Uptime!.Value.Value, 9);
        Assert.Equal(Hour, window.Downtime.Value);
        Assert.Equal(1, window.Coverage, 9);
        Assert.True(window.IsRepresentative);
        Assert.Equal(24, window.Readings);
    }

    [Fact]
    public void Measure_ThirtyDaysAtThreeNines_HasTheSlosMonthlyAllowance()
    {
        var readings = Enumerable.Range(0, 24 * 30).Select(h => Hourly(h, 99.9));

        var window = UptimeWindow.Measure(readings, T0, T0.AddDays(30));

        Assert.Equal(43.2, window.Downtime.Value.TotalMinutes, 6);
        Assert.Equal(0.001, window.ErrorRatio!.Value, 9);
    }

    [Fact]
    public void Measure_ReadingsStraddlingTheEdges_CountOnlyTheirPartInside()
    {
        // Two 1-hour readings, only half of each inside [00:30, 01:30).
        var readings = new[] { Hourly(0, 0), Hourly(1, 100) };

        var window = UptimeWindow.Measure(readings, T0.AddMinutes(30), T0.AddMinutes(90));

        Assert.Equal(50, window.Uptime!.Value.Value, 9);
        Assert.Equal(TimeSpan.FromMinutes(30), window.Downtime.Value);
        Assert.Equal(1, window.Coverage, 9);
    }

    [Fact]
    public void Measure_GapInTheData_IsUnknownNotDowntime()
    {
        // 6 hours of a 24-hour window covered, all up.
        var readings = Enumerable.Range(0, 6).Select(h => Hourly(h, 100));

        var window = UptimeWindow.Measure(readings, T0, T0.AddDays(1));

        Assert.Equal(100, window.Uptime!.Value.Value);
        Assert.Equal(Duration.Zero, window.Downtime);
        Assert.Equal(0.25, window.Coverage, 9);
        Assert.False(window.IsRepresentative);
    }

    [Fact]
    public void Measure_OverlappingSeries_CoverTheirTimeOnce()
    {
        // Two series over the same hour: one says 100 %, the other 90 %. Mean 95 %, one hour covered.
        var readings = new[] { Hourly(0, 100), Hourly(0, 90) };

        var window = UptimeWindow.Measure(readings, T0, T0 + Hour);

        Assert.Equal(95, window.Uptime!.Value.Value, 9);
        Assert.Equal(Hour, window.Covered.Value);
        Assert.Equal(TimeSpan.FromMinutes(3), window.Downtime.Value);
    }

    [Fact]
    public void Measure_NothingInside_NoUptimeAndNotRepresentative()
    {
        var window = UptimeWindow.Measure([Hourly(0, 99)], T0.AddDays(1), T0.AddDays(2));

        Assert.Null(window.Uptime);
        Assert.Null(window.ErrorRatio);
        Assert.Equal(0, window.Coverage);
        Assert.False(window.IsRepresentative);
    }

    [Fact]
    public void Measure_WindowEndingBeforeItStarts_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(() => UptimeWindow.Measure([], T0, T0));

        Assert.Contains("must end after it starts", ex.Message);
    }
}
