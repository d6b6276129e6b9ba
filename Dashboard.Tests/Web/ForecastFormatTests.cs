using Dashboard.Components.Forecasts;
using Dashboard.Services.Forecasts;

namespace Dashboard.Tests.Web;

/// <summary>Forecast answers in words: ranges, "no trend", "already past", and the history message instead of a guess.</summary>
public sealed class ForecastFormatTests
{
    private static readonly DateTimeOffset Computed = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static ForecastSummary Summary(CrossingView? warning, string status = "Forecasted", string message = "ok") => new(
        "disk", "Disk usage", "node-1", "%", status, message, 60, "Linear", 0, new Dictionary<string, double>(), "Rising", 0.95,
        3.2, 0.8, 5, warning, null, Computed, Computed.AddDays(-30), Computed, Computed.AddDays(90));

    [Fact]
    public void Range_Expected_EarliestToLatest()
    {
        var crossing = new CrossingView("Expected", 75, Computed.AddDays(12), Computed.AddDays(10), Computed.AddDays(21), true, 12);

        var text = ForecastFormat.Range(crossing, Summary(crossing));

        Assert.Equal($"{Computed.AddDays(10).ToLocalTime():MMM d} – {Computed.AddDays(21).ToLocalTime():MMM d}", text);
    }

    [Fact]
    public void Range_BothEdgesOnOneDay_NamesTheDayOnce()
    {
        var at = new DateTimeOffset(2027, 2, 12, 12, 0, 0, TimeSpan.Zero);
        var crossing = new CrossingView("Expected", 75, at, at.AddHours(-3), at.AddHours(3), true, 68);

        Assert.Equal(at.ToLocalTime().ToString("MMM d", System.Globalization.CultureInfo.GetCultureInfo("en-US")), ForecastFormat.Range(crossing, Summary(crossing)));
    }

    [Fact]
    public void Range_ExpectedWithoutOptimisticCrossing_SaysBeyondHorizon()
    {
        var crossing = new CrossingView("Expected", 75, Computed.AddDays(40), Computed.AddDays(30), null, true, 40);

        Assert.EndsWith("– beyond horizon", ForecastFormat.Range(crossing, Summary(crossing)));
    }

    [Theory]
    [InlineData("AlreadyPast", "already crossed")]
    [InlineData("NoTrend", "no trend")]
    public void Range_Kinds_InWords(string kind, string words)
    {
        var crossing = new CrossingView(kind, 75, null, null, null, false, null);

        Assert.Equal(words, ForecastFormat.Range(crossing, Summary(crossing)));
    }

    [Fact]
    public void Range_NotWithinHorizon_NamesTheForecastEnd()
    {
        var crossing = new CrossingView("NotWithinHorizon", 75, null, null, null, false, null);

        Assert.Equal($"not before {Computed.AddDays(90).ToLocalTime():MMM d}", ForecastFormat.Range(crossing, Summary(crossing)));
    }

    [Fact]
    public void Range_InsufficientHistory_ShowsTheMessageNotADate()
    {
        var crossing = new CrossingView("InsufficientHistory", 75, null, null, null, false, null);

        var text = ForecastFormat.Range(crossing, Summary(crossing, "InsufficientHistory", "needs at least 7 days of history, has 2.5 days"));

        Assert.Equal("needs at least 7 days of history, has 2.5 days", text);
    }

    [Theory]
    [InlineData(0.2, "in 5 h")]
    [InlineData(12.4, "in 12 days")]
    public void When_DaysUntil_Rounded(double days, string expected)
    {
        Assert.Equal(expected, ForecastFormat.When(new CrossingView("Expected", 1, Computed, Computed, Computed, true, days)));
    }

    [Theory]
    [InlineData("HoltWintersAdditive", 24, "Holt-Winters (additive, daily season)")]
    [InlineData("HoltWintersMultiplicative", 168, "Holt-Winters (multiplicative, weekly season)")]
    [InlineData("Linear", 0, "Linear trend")]
    [InlineData("DampedHolt", 0, "Holt, damped trend")]
    [InlineData("SeasonalAverage", 168, "Average of the last 4 weeks at the same hour")]
    [InlineData("SeasonalAverage", 24, "Average of the last 4 days at the same hour")]
    public void Model_Named(string model, int season, string expected)
    {
        var summary = Summary(null) with { Model = model, SeasonLength = season };

        Assert.Equal(expected, ForecastFormat.Model(summary));
    }
}
