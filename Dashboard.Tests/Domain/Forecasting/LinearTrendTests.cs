using System.Globalization;
using Dashboard.Domain.Forecasting;

namespace Dashboard.Tests.Domain.Forecasting;

public class LinearTrendTests
{
    // 2023-11-14T22:13:20Z: realistic Unix milliseconds, large enough to ruin a fit that used raw times as x.
    private const long T0 = 1_700_000_000_000;

    [Fact]
    public void Regress_SamplesOnALine_RecoversSlopeAndIntercept()
    {
        // value = 3.5 + 0.25 × seconds since T0, every 15 s for an hour.
        var samples = Line(count: 240, stepMs: 15_000, at: ms => 3.5 + (0.25 * (ms - T0) / 1000));
        var interceptTime = samples[^1].UnixMilliseconds;

        var fit = LinearTrend.Regress(samples, interceptTime);

        AssertClose(0.25, fit.Slope, 1e-12);
        AssertClose(3.5 + (0.25 * (interceptTime - T0) / 1000), fit.Intercept, 1e-12);
    }

    [Fact]
    public void PredictLinear_SamplesOnALine_ExtrapolatesTheLine()
    {
        var samples = Line(count: 240, stepMs: 15_000, at: ms => 3.5 + (0.25 * (ms - T0) / 1000));
        var evaluation = samples[^1].UnixMilliseconds + 7_000;

        var predicted = LinearTrend.PredictLinear(samples, evaluation, secondsAhead: 3600);

        AssertClose(3.5 + (0.25 * ((evaluation - T0) / 1000.0 + 3600)), predicted, 1e-12);
    }

    [Fact]
    public void Regress_ConstantSeries_GivesSlopeZeroAndTheValueExactly()
    {
        // Without the constant shortcut the sums leave rounding noise: deriv ≈ 1.9e-16, intercept 123.45599999999999.
        var samples = Jittered(count: 40, stepMs: 15_000, seed: 7, at: _ => 123.456);

        var fit = LinearTrend.Regress(samples, samples[^1].UnixMilliseconds + 5_000);

        Assert.Equal(0.0, fit.Slope);
        Assert.Equal(123.456, fit.Intercept);
        Assert.Equal(0.0, LinearTrend.Deriv(samples));
        Assert.Equal(123.456, LinearTrend.PredictLinear(samples, samples[^1].UnixMilliseconds, secondsAhead: 86_400));
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Regress_ConstantInfinity_GivesNaN(double value)
    {
        var samples = Line(count: 5, stepMs: 15_000, at: _ => value);

        var fit = LinearTrend.Regress(samples, samples[^1].UnixMilliseconds);

        Assert.True(double.IsNaN(fit.Slope), $"slope {fit.Slope}");
        Assert.True(double.IsNaN(fit.Intercept), $"intercept {fit.Intercept}");
        Assert.True(double.IsNaN(LinearTrend.Deriv(samples)));
        Assert.True(double.IsNaN(LinearTrend.PredictLinear(samples, samples[^1].UnixMilliseconds, 60)));
    }

    [Fact]
    public void Deriv_AllNaN_GivesNaNNotZero()
    {
        // Go compares with IEEE !=, so NaN never equals the first value and the series is not "constant".
        var samples = Line(count: 3, stepMs: 15_000, at: _ => double.NaN);

        Assert.True(double.IsNaN(LinearTrend.Deriv(samples)));
    }

    [Fact]
    public void Regress_OneInfiniteSampleAmongFiniteOnes_GivesNaN()
    {
        TimedValue[] samples = [new(T0, 1), new(T0 + 15_000, double.PositiveInfinity), new(T0 + 30_000, 3)];

        var fit = LinearTrend.Regress(samples, T0 + 30_000);

        Assert.True(double.IsNaN(fit.Slope));
        Assert.True(double.IsNaN(fit.Intercept));
    }

    [Fact]
    public void PredictLinear_SumOfValuesOverflows_GivesNaNAsPrometheus242()
    {
        // Σy overflows while Σxy stays finite. Later Prometheus versions reset the compensation on an infinite
        // sum and answer +Inf here; 2.42 lets it turn NaN (checked against the real binary by PredictLinearParityTests).
        TimedValue[] samples = [new(T0, 1e308), new(T0 + 250, 1.1e308), new(T0 + 500, 1.2e308)];

        Assert.True(double.IsNaN(LinearTrend.PredictLinear(samples, T0 + 500, 10)));
        Assert.True(double.IsNaN(LinearTrend.Deriv(samples)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void AllFunctions_FewerThanTwoSamples_Throw(int count)
    {
        var samples = Line(count, stepMs: 15_000, at: _ => 1);

        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => LinearTrend.Regress(samples, T0)).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => LinearTrend.PredictLinear(samples, T0, 60)).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => LinearTrend.Deriv(samples)).ParamName);
    }

    [Fact]
    public void Deriv_UnixMillisecondTimes_UsesTheFirstSampleAsInterceptTime()
    {
        var samples = Line(count: 40, stepMs: 15_000, at: ms => 5 + (0.25 * (ms - T0) / 1000));

        var slope = LinearTrend.Deriv(samples);

        Assert.Equal(LinearTrend.Regress(samples, samples[0].UnixMilliseconds).Slope, slope);
        AssertClose(0.25, slope, 1e-12);
        // Why it matters: with x measured from the epoch, x² ≈ 2.9e18 and the variance drowns in rounding.
        Assert.True(RelativeDifference(0.25, LinearTrend.Regress(samples, 0).Slope) > 1e-4);
    }

    [Fact]
    public void PredictLinear_BytesAtUnixMillisecondTimes_MatchesTheLine()
    {
        // A disk filling at 5 MB/s from 1 TB, sampled every 15 s with up to 1 s of jitter, predicted a week ahead.
        // Values stay exact: 1e12 + 5e3 × ms is an integer below 2^53.
        var samples = Jittered(count: 480, stepMs: 15_000, seed: 11, at: ms => 1e12 + (5e3 * (ms - T0)));
        var evaluation = samples[^1].UnixMilliseconds + 2_345;
        const double week = 7 * 86_400;

        var predicted = LinearTrend.PredictLinear(samples, evaluation, week);

        AssertClose(1e12 + (5e3 * (evaluation - T0)) + (5e6 * week), predicted, 1e-12);
        AssertClose(5e6, LinearTrend.Deriv(samples), 1e-12);
    }

    [Fact]
    public void Regress_HugeValuesThatCancel_CompensatedSumsKeepTheSmallPart()
    {
        // x = 0, 1, 2, 4, 8 s, so x·y is exact. The ±A parts (A = 2^60) cancel in Σy and Σxy; the first
        // value's 1.375 is below the spacing of doubles near 2A, so plain running sums drop it.
        const double a = 1_152_921_504_606_846_976; // 2^60
        long[] seconds = [0, 1, 2, 4, 8];
        double[] values = [1.375, (2 * a) + 4096, -a + 6656, (-2 * a) + 11776, a + 22016];
        var samples = seconds.Select((s, i) => new TimedValue(T0 + (s * 1000), values[i])).ToArray();
        var (exactSlope, exactIntercept) = ExactFit(seconds, values);

        var fit = LinearTrend.Regress(samples, T0);

        AssertClose(exactSlope, fit.Slope, 1e-12);
        AssertClose(exactIntercept, fit.Intercept, 1e-12);
        // The case really needs the compensation: the same formula with plain sums is visibly off.
        var (naiveSlope, naiveIntercept) = NaiveFit(seconds, values);
        Assert.True(RelativeDifference(exactSlope, naiveSlope) > 1e-5, $"naive slope {naiveSlope}");
        Assert.True(RelativeDifference(exactIntercept, naiveIntercept) > 1e-4, $"naive intercept {naiveIntercept}");
    }

    private static TimedValue[] Line(int count, long stepMs, Func<long, double> at) =>
        [.. Enumerable.Range(0, count).Select(i => T0 + (i * stepMs)).Select(ms => new TimedValue(ms, at(ms)))];

    private static TimedValue[] Jittered(int count, long stepMs, int seed, Func<long, double> at)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => T0 + (i * stepMs) + random.Next(1000)).Select(ms => new TimedValue(ms, at(ms)))];
    }

    // Least squares in decimal: the inputs are integers or short binary fractions, so every sum is exact and only
    // the final divisions round (to 28 digits).
    private static (double Slope, double Intercept) ExactFit(long[] x, double[] y)
    {
        decimal n = x.Length, sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        for (var i = 0; i < x.Length; i++)
        {
            // "F" formatting prints a double's exact digits; a plain (decimal) cast would round to 15 digits.
            var yi = decimal.Parse(y[i].ToString("F4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            sumX += x[i];
            sumY += yi;
            sumXY += x[i] * yi;
            sumX2 += x[i] * x[i];
        }
        var slope = ((n * sumXY) - (sumX * sumY)) / ((n * sumX2) - (sumX * sumX));
        return ((double)slope, (double)((sumY - (slope * sumX)) / n));
    }

    private static (double Slope, double Intercept) NaiveFit(long[] x, double[] y)
    {
        double n = x.Length, sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sumX += x[i];
            sumY += y[i];
            sumXY += x[i] * y[i];
            sumX2 += x[i] * (double)x[i];
        }
        var slope = (sumXY - (sumX * sumY / n)) / (sumX2 - (sumX * sumX / n));
        return (slope, (sumY / n) - (slope * sumX / n));
    }

    private static double RelativeDifference(double expected, double actual) =>
        Math.Abs(expected - actual) / Math.Max(Math.Abs(expected), Math.Abs(actual));

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(RelativeDifference(expected, actual) <= relative, $"expected {expected:R}, got {actual:R} (relative difference {RelativeDifference(expected, actual):G3})");
}
