using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Forecasting;

/// <summary>Each model family, forced through <see cref="ForecastSettings.Models"/>, recovers what a synthetic series was built with.</summary>
public class ModelFittingTests
{
    private static Forecaster Only(params ForecastModelKind[] kinds) => new(ForecastSettings.Default with { Models = kinds });

    [Fact]
    public void Linear_NoiselessLine_RecoversSlopePerStepAndExtrapolates()
    {
        var history = Synthetic.Hourly(24 * 8, level: 10, slopePerHour: 0.25);

        var result = Only(ForecastModelKind.Linear).Forecast(history, TimeSpan.FromHours(10));

        Assert.Equal(ForecastModelKind.Linear, result.Model!.Kind);
        Assert.Equal(0.25, result.Model.Parameters["slope"], 9);
        Assert.Equal(10 + (0.25 * (191 + 10)), result.Points[^1].Expected, 6);
    }

    [Fact]
    public void SimpleExponentialSmoothing_LocalLevelSeries_RecoversAlpha()
    {
        // y_t = l_{t-1} + e_t, l_t = l_{t-1} + 0.3·e_t: the model SES is optimal for, with alpha 0.3.
        var random = new Random(41);
        var values = new double[2000];
        var level = 100.0;
        for (var t = 0; t < values.Length; t++)
        {
            var e = Synthetic.Gaussian(random);
            values[t] = level + e;
            level += 0.3 * e;
        }

        var settings = ForecastSettings.Default with { Models = [ForecastModelKind.SimpleExponentialSmoothing], MaxFitSteps = 2000 };
        var result = new Forecaster(settings).Forecast(new RegularSeries(Synthetic.Start, TimeSpan.FromHours(1), values), TimeSpan.FromHours(24));

        Assert.Equal(ForecastModelKind.SimpleExponentialSmoothing, result.Model!.Kind);
        Assert.InRange(result.Model.Parameters["alpha"], 0.24, 0.36);
        Assert.InRange(result.Model.ResidualStandardDeviation, 0.93, 1.07);
    }

    [Fact]
    public void Holt_TrendingSeries_ForecastsTheSlope()
    {
        var history = Synthetic.Hourly(24 * 10, level: 5, slopePerHour: 0.5, noise: 0.5, seed: 8);

        var result = Only(ForecastModelKind.Holt).Forecast(history, TimeSpan.FromHours(24));

        Assert.Equal(ForecastModelKind.Holt, result.Model!.Kind);
        var slope = (result.Points[^1].Expected - result.Points[0].Expected) / 23;
        Assert.InRange(slope, 0.45, 0.55);
        Assert.True(result.Model.Parameters["beta"] <= result.Model.Parameters["alpha"]);
    }

    [Fact]
    public void DampedHolt_TrendFlattensOut()
    {
        var history = Synthetic.Hourly(24 * 10, level: 5, slopePerHour: 0.5, noise: 0.5, seed: 9);

        var result = Only(ForecastModelKind.DampedHolt).Forecast(history, TimeSpan.FromDays(10));

        var phi = result.Model!.Parameters["phi"];
        Assert.InRange(phi, 0.8, 0.98);
        var early = result.Points[1].Expected - result.Points[0].Expected;
        var late = result.Points[^1].Expected - result.Points[^2].Expected;
        Assert.True(late < early / 10, $"step change early {early}, late {late}");
    }

    [Fact]
    public void HoltWintersAdditive_SeasonWithTrend_RecoversAmplitudePhaseAndSlope()
    {
        var history = Synthetic.Hourly(24 * 21, level: 50, slopePerHour: 0.1, dailyAmplitude: 15, noise: 1, seed: 10);

        var result = Only(ForecastModelKind.HoltWintersAdditive).Forecast(history, TimeSpan.FromHours(48));

        Assert.Equal(ForecastModelKind.HoltWintersAdditive, result.Model!.Kind);
        Assert.Equal(24, result.Model.SeasonLength);

        // Truth at each forecast hour t = 504 + h; compare the whole path.
        for (var h = 0; h < 48; h++)
        {
            var t = (24 * 21) + h;
            var truth = 50 + (0.1 * t) + (15 * Math.Sin(2 * Math.PI * t / 24));
            Assert.InRange(result.Points[h].Expected, truth - 3, truth + 3);
        }
    }

    [Fact]
    public void HoltWintersMultiplicative_SeasonGrowingWithLevel_FitsBetterThanAdditive()
    {
        // Season amplitude proportional to the level: 30 % swings around a level that doubles.
        var random = new Random(12);
        var values = new double[24 * 28];
        for (var t = 0; t < values.Length; t++)
        {
            var level = 100 + (0.15 * t);
            values[t] = (level * (1 + (0.3 * Math.Sin(2 * Math.PI * t / 24)))) + Synthetic.Gaussian(random);
        }

        var history = new RegularSeries(Synthetic.Start, TimeSpan.FromHours(1), values);
        var multiplicative = Only(ForecastModelKind.HoltWintersMultiplicative).Forecast(history, TimeSpan.FromHours(24));
        var additive = Only(ForecastModelKind.HoltWintersAdditive).Forecast(history, TimeSpan.FromHours(24));

        Assert.Equal(ForecastModelKind.HoltWintersMultiplicative, multiplicative.Model!.Kind);
        Assert.True(multiplicative.Model.ResidualStandardDeviation < additive.Model!.ResidualStandardDeviation);
    }

    [Fact]
    public void SeasonalNaive_RepeatsTheLastSeason()
    {
        var history = Synthetic.Hourly(24 * 8, level: 20, dailyAmplitude: 5, noise: 1, seed: 13);

        var result = Only(ForecastModelKind.SeasonalNaive).Forecast(history, TimeSpan.FromHours(30));

        Assert.Equal(24, result.Model!.SeasonLength);
        for (var h = 0; h < 30; h++)
        {
            Assert.Equal(history.Values[history.Count - 24 + (h % 24)], result.Points[h].Expected);
        }
    }

    [Fact]
    public void SeasonalAverage_AveragesTheLastFourSeasonsAtEachPhase()
    {
        var history = Synthetic.Hourly(24 * 8, level: 20, dailyAmplitude: 5, noise: 1, seed: 13);

        var result = Only(ForecastModelKind.SeasonalAverage).Forecast(history, TimeSpan.FromHours(30));

        Assert.Equal(ForecastModelKind.SeasonalAverage, result.Model!.Kind);
        Assert.Equal(24, result.Model.SeasonLength);
        Assert.Equal(4, result.Model.Parameters["seasons"]);
        for (var h = 0; h < 30; h++)
        {
            var phase = history.Count - 24 + (h % 24);
            var expected = Enumerable.Range(0, 4).Average(k => history.Values[phase - (24 * k)]);
            Assert.Equal(expected, result.Points[h].Expected, 9);
        }

        // The second day ahead is a whole season further: its spread is √2 times the first day's.
        var first = result.Points[0].High - result.Points[0].Expected;
        var second = result.Points[24].High - result.Points[24].Expected;
        Assert.Equal(Math.Sqrt(2) * first, second, 9);
    }

    [Fact]
    public void SeasonalAverage_SkipsAMissingHour()
    {
        var values = Synthetic.Hourly(24 * 8, level: 20, dailyAmplitude: 5, noise: 1, seed: 21).Values.ToArray();
        var missing = values.Length - 24 - 24 + 3;
        values[missing] = double.NaN;
        var history = new RegularSeries(Synthetic.Start, TimeSpan.FromHours(1), values);

        var result = Only(ForecastModelKind.SeasonalAverage).Forecast(history, TimeSpan.FromHours(24));

        var phase = values.Length - 24 + 3;
        var expected = new[] { values[phase], values[phase - 48], values[phase - 72] }.Average();
        Assert.Equal(expected, result.Points[3].Expected, 9);
    }

    [Fact]
    public void SeasonalAverage_NoisyStableDay_BacktestsBetterThanRepeatingYesterday()
    {
        // A fixed daily shape under heavy noise: one day is a noisy copy of the shape, four days average the noise out.
        var history = Synthetic.Hourly(24 * 21, level: 50, dailyAmplitude: 10, noise: 6, seed: 22);

        var average = Only(ForecastModelKind.SeasonalAverage).Forecast(history, TimeSpan.FromHours(24));
        var naive = Only(ForecastModelKind.SeasonalNaive).Forecast(history, TimeSpan.FromHours(24));

        Assert.True(average.Accuracy!.Mase < 0.85 * naive.Accuracy!.Mase, $"average {average.Accuracy.Mase:F3}, seasonal naive {naive.Accuracy.Mase:F3}");
    }

    [Fact]
    public void Naive_CarriesTheLastValueWithGrowingInterval()
    {
        var history = Synthetic.Hourly(24 * 8, level: 20, noise: 1, seed: 14);

        var result = Only(ForecastModelKind.Naive).Forecast(history, TimeSpan.FromHours(9));

        Assert.All(result.Points, p => Assert.Equal(history.Values[^1], p.Expected));
        var first = result.Points[0].High - result.Points[0].Expected;
        var ninth = result.Points[8].High - result.Points[8].Expected;
        Assert.Equal(3 * first, ninth, 9);
    }

    [Fact]
    public void SeasonalFamilyWithoutSeasonInData_FallsBackToTheLine()
    {
        var history = Synthetic.Hourly(24 * 8, level: 20, slopePerHour: 0.2, noise: 0.3, seed: 15);

        var result = Only(ForecastModelKind.HoltWintersAdditive).Forecast(history, TimeSpan.FromHours(9));

        Assert.Equal(ForecastModelKind.Linear, result.Model!.Kind);
    }

    [Fact]
    public void Models_Empty_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ForecastSettings.Default with { Models = [] });

        Assert.Contains("Forecast models", ex.Message);
    }
}
