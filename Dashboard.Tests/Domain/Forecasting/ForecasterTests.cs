using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Forecasting;

public class ForecasterTests
{
    private static readonly Forecaster Default = new(ForecastSettings.Default);

    [Fact]
    public void Forecast_TwoAndAHalfDaysWithSevenDayMinimum_IsInsufficientWithMessageAndNoPoints()
    {
        var history = Synthetic.Hourly(60, level: 50, slopePerHour: 0.5);

        var result = Default.Forecast(history, TimeSpan.FromDays(1));

        Assert.Equal(ForecastStatus.InsufficientHistory, result.Status);
        Assert.Equal("needs at least 7 days of history, has 2.5 days", result.Message);
        Assert.Empty(result.Points);
        Assert.Null(result.Model);
        Assert.Equal(TimeSpan.FromHours(60), result.HistoryUsed);
        Assert.Equal(TimeSpan.FromDays(7), result.HistoryRequired);
    }

    [Fact]
    public void Forecast_TooFewObservedPoints_IsInsufficientNamingPoints()
    {
        var values = Enumerable.Repeat(double.NaN, 200).ToArray();
        values[0] = 1;
        values[199] = 2;
        var history = new RegularSeries(Synthetic.Start, TimeSpan.FromHours(1), values);

        var result = Default.Forecast(history, TimeSpan.FromDays(1));

        Assert.Equal(ForecastStatus.InsufficientHistory, result.Status);
        Assert.Equal("needs at least 3 observed points at 1 hour resolution, has 2", result.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Forecast_NonPositiveHorizon_ThrowsNamingTheHorizon(int hours)
    {
        var history = Synthetic.Hourly(24 * 8, level: 10);

        var ex = Assert.Throws<DomainValidationException>(() => Default.Forecast(history, TimeSpan.FromHours(hours)));

        Assert.Contains("horizon", ex.Message);
    }

    [Fact]
    public void Forecast_HorizonBeyondRatioTimesHistory_ThrowsNamingTheHorizon()
    {
        var history = Synthetic.Hourly(24 * 8, level: 10);

        var ex = Assert.Throws<DomainValidationException>(() => Default.Forecast(history, TimeSpan.FromDays(40)));

        Assert.Equal("Forecast horizon 40 days is too long for 8 days of history: at most 4 × the history (32 days).", ex.Message);
        Assert.Equal(TimeSpan.FromDays(32), Default.MaximumHorizon(history));
    }

    [Fact]
    public void Forecast_LinearGrowthWithNoise_RecoversSlopeAndIsRising()
    {
        var history = Synthetic.Hourly(24 * 14, level: 20, slopePerHour: 0.1, noise: 1, seed: 3);

        var result = Default.Forecast(history, TimeSpan.FromDays(2));

        Assert.Equal(ForecastStatus.Forecasted, result.Status);
        Assert.Equal(TrendVerdict.Rising, result.Trend);
        Assert.Equal(48, result.Points.Count);
        // The truth 48 h after the last observation (t = 335 + 48).
        var truth = 20 + (0.1 * (335 + 48));
        Assert.InRange(result.Points[^1].Expected, truth - 3, truth + 3);
        var slope = (result.Points[^1].Expected - result.Points[0].Expected) / 47;
        Assert.InRange(slope, 0.08, 0.12);
    }

    [Fact]
    public void Forecast_PointsStartOneStepAfterTheLastObservation()
    {
        var history = Synthetic.Hourly(24 * 8, level: 20, slopePerHour: 0.1, noise: 0.5);

        var result = Default.Forecast(history, TimeSpan.FromHours(5));

        Assert.Equal(5, result.Points.Count);
        Assert.Equal(history.End + TimeSpan.FromHours(1), result.Points[0].Time);
        Assert.Equal(history.End + TimeSpan.FromHours(5), result.Points[^1].Time);
    }

    [Fact]
    public void Forecast_DailySeason_PicksTwentyFourStepSeasonAndRecoversAmplitude()
    {
        var history = Synthetic.Hourly(24 * 21, level: 100, dailyAmplitude: 20, noise: 2, seed: 5);

        var result = Default.Forecast(history, TimeSpan.FromDays(1));

        Assert.Equal(24, result.Model!.SeasonLength);
        var amplitude = (result.Points.Max(p => p.Expected) - result.Points.Min(p => p.Expected)) / 2;
        Assert.InRange(amplitude, 17, 23);
        Assert.Equal(TrendVerdict.NoTrend, result.Trend);
    }

    [Fact]
    public void Forecast_WeeklySeason_PicksOneHundredSixtyEightStepSeason()
    {
        var history = Synthetic.Hourly(24 * 7 * 6, level: 100, weeklyAmplitude: 30, noise: 2, seed: 6);

        var result = Default.Forecast(history, TimeSpan.FromDays(2));

        Assert.Equal(168, result.Model!.SeasonLength);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(0.1)]
    [InlineData(0)]
    [InlineData(-3.7)]
    public void Forecast_FlatSeries_IsNoTrendAndStaysFlat(double level)
    {
        var history = Synthetic.Hourly(24 * 10, level: level);

        var result = Default.Forecast(history, TimeSpan.FromDays(3));

        Assert.Equal(TrendVerdict.NoTrend, result.Trend);
        Assert.All(result.Points, p => Assert.Equal(level, p.Expected, 9));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Forecast_PureNoise_IsNoTrend(int seed)
    {
        var history = Synthetic.Hourly(24 * 14, level: 50, noise: 5, seed: seed);

        var result = Default.Forecast(history, TimeSpan.FromDays(7));

        Assert.Equal(TrendVerdict.NoTrend, result.Trend);
    }

    [Fact]
    public void Forecast_AutocorrelatedNoise_IsNoTrendInMostRuns()
    {
        // AR(1) noise with ρ = 0.95 wanders for days; a plain t-test on two weeks of hours would call much of that a trend.
        var trends = 0;
        for (var seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            var values = new double[24 * 14];
            var noise = 0.0;
            for (var t = 0; t < values.Length; t++)
            {
                noise = (0.95 * noise) + Synthetic.Gaussian(random);
                values[t] = 50 + noise;
            }

            var result = Default.Forecast(new RegularSeries(Synthetic.Start, TimeSpan.FromHours(1), values), TimeSpan.FromDays(7));
            trends += result.Trend == TrendVerdict.NoTrend ? 0 : 1;
        }

        Assert.True(trends <= 2, $"{trends} of 20 noise series were called a trend");
    }

    [Fact]
    public void Forecast_GapsInHistory_AreNotTreatedAsZero()
    {
        var history = Synthetic.Hourly(24 * 14, level: 80, dailyAmplitude: 5, noise: 1, seed: 7);
        var values = history.Values.ToArray();
        for (var t = 100; t < 140; t++)
        {
            values[t] = double.NaN;
        }

        values[^2] = double.NaN;
        var gappy = new RegularSeries(history.Start, history.Step, values);

        var result = Default.Forecast(gappy, TimeSpan.FromDays(1));

        Assert.Equal(ForecastStatus.Forecasted, result.Status);
        Assert.All(result.Points, p => Assert.InRange(p.Expected, 70, 90));
        Assert.Equal(TrendVerdict.NoTrend, result.Trend);
    }

    [Fact]
    public void Forecast_FiveMinuteInput_IsFittedHourly()
    {
        var values = Enumerable.Range(0, 12 * 24 * 8).Select(i => 10 + (i / 12.0 * 0.2)).ToArray();
        var history = new RegularSeries(Synthetic.Start, TimeSpan.FromMinutes(5), values);

        var result = Default.Forecast(history, TimeSpan.FromHours(6));

        Assert.Equal(6, result.Points.Count);
        Assert.Equal(TimeSpan.FromHours(1), result.Points[1].Time - result.Points[0].Time);
        Assert.Equal(TrendVerdict.Rising, result.Trend);
    }

    [Fact]
    public void Forecast_Interval_IsOrderedAndWidensWithTheHorizon()
    {
        var history = Synthetic.Hourly(24 * 14, level: 50, noise: 3, seed: 11);

        var result = Default.Forecast(history, TimeSpan.FromDays(2));

        Assert.All(result.Points, p => Assert.True(p.Low <= p.Expected && p.Expected <= p.High));
        Assert.True(result.Points[^1].High - result.Points[^1].Low >= result.Points[0].High - result.Points[0].Low);
        Assert.NotNull(result.Accuracy);
        Assert.True(result.Accuracy!.Origins >= 1);
    }

    [Fact]
    public void Forecast_IntervalCoverageOnGaussianNoise_IsNearNominal()
    {
        // 200 seeded simulations of level + trend + season + N(0, 4²); the 95 % interval should cover about 95 % of
        // the next 24 true values.
        var forecaster = new Forecaster(ForecastSettings.Default);
        int covered = 0, total = 0;
        for (var seed = 1; seed <= 200; seed++)
        {
            var full = Synthetic.Hourly(24 * 15, level: 100, slopePerHour: 0.05, dailyAmplitude: 10, noise: 4, seed: 1000 + seed);
            var history = new RegularSeries(full.Start, full.Step, full.Values.Take(24 * 14).ToArray());
            var result = forecaster.Forecast(history, TimeSpan.FromDays(1));
            for (var h = 0; h < 24; h++)
            {
                var truth = full.Values[(24 * 14) + h];
                covered += result.Points[h].Low <= truth && truth <= result.Points[h].High ? 1 : 0;
                total++;
            }
        }

        var coverage = (double)covered / total;
        Assert.InRange(coverage, 0.90, 0.99);
    }

    [Fact]
    public void Forecast_Accuracy_IsNearZeroForAnExactSeasonAndMatchesTheNoiseOtherwise()
    {
        var exact = Default.Forecast(Synthetic.Hourly(24 * 28, level: 100, dailyAmplitude: 10), TimeSpan.FromDays(1));
        var noisy = Default.Forecast(Synthetic.Hourly(24 * 28, level: 100, dailyAmplitude: 10, noise: 5, seed: 31), TimeSpan.FromDays(1));

        Assert.Equal(2, exact.Accuracy!.Origins);
        Assert.True(exact.Accuracy.Smape < 0.1, $"sMAPE {exact.Accuracy.Smape}");
        Assert.True(exact.Accuracy.Rmse < 0.1, $"RMSE {exact.Accuracy.Rmse}");

        // N(0, 5²) noise: RMSE about 5, sMAPE about 200·E|e|/200 = 4 %.
        Assert.InRange(noisy.Accuracy!.Rmse, 4, 6.5);
        Assert.InRange(noisy.Accuracy.Smape, 3, 5.5);
        Assert.Contains("backtest error", noisy.Message);
    }

    [Fact]
    public void Forecast_AdHocSettingsOnShortUpload_Forecasts()
    {
        var forecaster = new Forecaster(ForecastSettings.AdHoc);
        var history = Synthetic.Hourly(30, level: 5, slopePerHour: 1, noise: 0.2);

        var result = forecaster.Forecast(history, TimeSpan.FromHours(10));

        Assert.Equal(ForecastStatus.Forecasted, result.Status);
        Assert.InRange(result.Points[^1].Expected, 5 + 39 - 2, 5 + 39 + 2);
    }
}
