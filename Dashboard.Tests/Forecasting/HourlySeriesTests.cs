using Dashboard.Jobs.Forecasting;
using Dashboard.Jobs.Storage;

namespace Dashboard.Tests.Forecasting;

/// <summary>Stored hourly history becomes the models' grid: a missing hour is NaN, never 0.</summary>
public sealed class HourlySeriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static HistoryPoint At(int hour, double avg) => new(Start.AddHours(hour), avg, avg, avg, 12);

    [Fact]
    public void From_GapInHistory_MissingHourIsNaN()
    {
        var history = new SeriesHistory("cpu", "host", HistoryResolution.OneHour, [At(0, 10), At(1, 11), At(3, 13)]);

        var series = HourlySeries.From(history)!;

        Assert.Equal(Start, series.Start);
        Assert.Equal(TimeSpan.FromHours(1), series.Step);
        Assert.Equal(4, series.Count);
        Assert.Equal([10, 11], series.Values.Take(2));
        Assert.True(double.IsNaN(series.Values[2]));
        Assert.Equal(13, series.Values[3]);
    }

    [Fact]
    public void From_NonFiniteAverage_StaysMissing()
    {
        var history = new SeriesHistory("cpu", "host", HistoryResolution.OneHour, [At(0, 10), At(1, double.PositiveInfinity), At(2, 12)]);

        var series = HourlySeries.From(history)!;

        Assert.True(double.IsNaN(series.Values[1]));
    }

    [Fact]
    public void From_EmptyHistory_Null()
    {
        Assert.Null(HourlySeries.From(new SeriesHistory("cpu", "host", HistoryResolution.OneHour, [])));
    }
}
