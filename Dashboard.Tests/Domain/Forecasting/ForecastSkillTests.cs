using Dashboard.Domain.Forecasting;

namespace Dashboard.Tests.Domain.Forecasting;

/// <summary>Each forecast says, in plain words, how far off it was on the series' own past beside the simple guess (issue 15).</summary>
public class ForecastSkillTests
{
    private static readonly Forecaster Default = new(ForecastSettings.Default);

    [Fact]
    public void Describe_SaysTheErrorAndTheSimpleGuessInWords()
    {
        var accuracy = new ForecastAccuracy(7.1, 0.5, 3, 2)
        {
            OffByPercent = 6.3,
            ReferenceOffByPercent = 9.46,
            Reference = SkillReference.PreviousDay,
            Window = TimeSpan.FromDays(2),
        };

        Assert.Equal(
            "Checked on 2 past 2-day stretches of this series: off by about 6 %; repeating the previous day was off by about 9 %.",
            ForecastSkill.Describe(accuracy));
    }

    [Fact]
    public void Brief_IsTheTableCellForm()
    {
        var accuracy = new ForecastAccuracy(7.1, 0.5, 3, 2) { OffByPercent = 6.3, ReferenceOffByPercent = 9.46, Reference = SkillReference.PreviousWeek };

        Assert.Equal("off by about 6 %; repeating the previous week: 9 %", ForecastSkill.Brief(accuracy));
        Assert.Null(ForecastSkill.Brief(accuracy with { OffByPercent = null }));
        Assert.Equal("off by under 0.1 %; repeating the previous week: 9 %", ForecastSkill.Brief(accuracy with { OffByPercent = 0.01 }));
    }

    [Theory]
    [InlineData(0.37, "0.4 %")]
    [InlineData(0.02, "under 0.1 %")]
    [InlineData(0, "0 %")]
    [InlineData(6.5, "7 %")]
    [InlineData(37.2, "37 %")]
    [InlineData(141.8, "142 %")]
    public void Percent_IsWholeFromOnePercentAndOneDecimalBelow(double value, string expected) =>
        Assert.Equal(expected, ForecastSkill.Percent(value));

    [Fact]
    public void Describe_NoMeasuredPercent_SaysNothingRatherThanZero()
    {
        Assert.Null(ForecastSkill.Describe(null));
        Assert.Null(ForecastSkill.Describe(new ForecastAccuracy(0, 0, 0, 2)));
        Assert.Equal("Checked on 1 past 12-hour stretch of this series: off by about 3 %.",
            ForecastSkill.Describe(new ForecastAccuracy(3, 1, 1, 1) { OffByPercent = 3, Window = TimeSpan.FromHours(12) }));
    }

    [Fact]
    public void Forecast_DailySeasonWithTrend_BeatsRepeatingThePreviousDay_AndSaysSo()
    {
        // A daily cycle on a rising line: repeating yesterday misses the day's growth; the model does not.
        var history = Synthetic.Hourly(24 * 28, level: 40, slopePerHour: 0.05, dailyAmplitude: 8, noise: 0.3);

        var result = Default.Forecast(history, TimeSpan.FromDays(2));

        var accuracy = result.Accuracy!;
        Assert.Equal(SkillReference.PreviousDay, accuracy.Reference);
        Assert.Equal(TimeSpan.FromDays(2), accuracy.Window);
        Assert.InRange(accuracy.OffByPercent!.Value, 0, 5);
        Assert.True(accuracy.OffByPercent < accuracy.ReferenceOffByPercent, $"model {accuracy.OffByPercent} % vs previous day {accuracy.ReferenceOffByPercent} %");
        // The previous day is off by about a day's growth (1.2) over the level (~60-70): near 2 %.
        Assert.InRange(accuracy.ReferenceOffByPercent!.Value, 1, 4);
        Assert.StartsWith("Checked on 2 past 2-day stretches of this series: off by about ", ForecastSkill.Describe(accuracy), StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_NoSeason_IsMeasuredAgainstTheLastValue()
    {
        var history = Synthetic.Hourly(24 * 10, level: 50, slopePerHour: 0.2, noise: 0.5);

        var accuracy = Default.Forecast(history, TimeSpan.FromDays(1)).Accuracy!;

        Assert.Equal(SkillReference.LastValue, accuracy.Reference);
        Assert.NotNull(accuracy.ReferenceOffByPercent);
        Assert.Contains("repeating the last value was off by about", ForecastSkill.Describe(accuracy), StringComparison.Ordinal);
    }
}
