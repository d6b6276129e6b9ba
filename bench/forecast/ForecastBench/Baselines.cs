using Dashboard.Domain.Forecasting;

namespace Dashboard.Bench.Forecast;

/// <summary>The simple methods the Forecaster has to beat, computed the way the M4 benchmark code does.</summary>
internal static class Baselines
{
    /// <summary>The last value, repeated.</summary>
    public static PointForecast Naive(ReadOnlySpan<double> train, int horizon)
    {
        var mean = new double[horizon];
        Array.Fill(mean, train[^1]);
        return new PointForecast(mean);
    }

    /// <summary>The last full season, repeated.</summary>
    public static PointForecast SeasonalNaive(ReadOnlySpan<double> train, int horizon, int season)
    {
        var mean = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            mean[h] = train[train.Length - season + (h % season)];
        }

        return new PointForecast(mean);
    }

    /// <summary>M4's Naive2: the naive forecast of the seasonally adjusted series, re-seasonalised, where
    /// seasonality is a classical multiplicative decomposition (R's <c>decompose</c>) and is only applied
    /// when the lag-<paramref name="season"/> autocorrelation passes M4's 90 % test.</summary>
    public static PointForecast Naive2(ReadOnlySpan<double> train, int horizon, int season)
    {
        var n = train.Length;
        var index = SeasonalityTest(train, season) ? SeasonalIndex(train, season) : null;
        double At(int t) => index is null ? 1.0 : index[t % season];
        var level = train[n - 1] / At(n - 1);
        var mean = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            mean[h - 1] = level * At(n - 1 + h);
        }

        return new PointForecast(mean);
    }

    /// <summary>Prometheus <c>predict_linear</c> over the last <paramref name="window"/> steps: an OLS line
    /// (via <see cref="LinearTrend"/>) through them, extended. Steps are <paramref name="step"/> apart.</summary>
    public static PointForecast Linear(ReadOnlySpan<double> train, int horizon, int window, TimeSpan step)
    {
        var count = Math.Min(window, train.Length);
        var stepMs = (long)step.TotalMilliseconds;
        var samples = new TimedValue[count];
        var first = train.Length - count;
        for (var i = 0; i < count; i++)
        {
            samples[i] = new TimedValue((first + i) * stepMs, train[first + i]);
        }

        var evaluationMs = (train.Length - 1) * stepMs;
        var fit = LinearTrend.Regress(samples, evaluationMs);
        var mean = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            mean[h - 1] = fit.Intercept + (fit.Slope * h * step.TotalSeconds);
        }

        return new PointForecast(mean);
    }

    // M4's SeasonalityTest: |acf(season)| above 1.645/sqrt(n) · sqrt(1 + 2·Σ acf(k)², k < season).
    private static bool SeasonalityTest(ReadOnlySpan<double> x, int season)
    {
        if (x.Length < 3 * season)
        {
            return false;
        }

        var acf = Autocorrelation(x, season);
        var sumSquares = 0.0;
        for (var k = 1; k < season; k++)
        {
            sumSquares += acf[k] * acf[k];
        }

        var limit = 1.645 / Math.Sqrt(x.Length) * Math.Sqrt(1 + (2 * sumSquares));
        return Math.Abs(acf[season]) > limit;
    }

    private static double[] Autocorrelation(ReadOnlySpan<double> x, int maxLag)
    {
        var n = x.Length;
        var mean = 0.0;
        foreach (var v in x)
        {
            mean += v;
        }

        mean /= n;
        var acf = new double[maxLag + 1];
        for (var k = 0; k <= maxLag; k++)
        {
            var sum = 0.0;
            for (var t = 0; t + k < n; t++)
            {
                sum += (x[t] - mean) * (x[t + k] - mean);
            }

            acf[k] = sum;
        }

        for (var k = maxLag; k >= 0; k--)
        {
            acf[k] /= acf[0];
        }

        return acf;
    }

    // R's decompose(type = "multiplicative"): centred moving average (2×m for even m) as trend, the mean
    // ratio to it per position in the season, normalised to average 1. Position 0 is the first value.
    private static double[] SeasonalIndex(ReadOnlySpan<double> x, int season)
    {
        var n = x.Length;
        var half = season / 2;
        var sums = new double[season];
        var counts = new int[season];
        for (var t = half; t < n - half; t++)
        {
            double trend;
            if (season % 2 == 0)
            {
                trend = 0.5 * (x[t - half] + x[t + half]);
                for (var j = -half + 1; j < half; j++)
                {
                    trend += x[t + j];
                }
            }
            else
            {
                trend = 0;
                for (var j = -half; j <= half; j++)
                {
                    trend += x[t + j];
                }
            }

            trend /= season;
            sums[t % season] += x[t] / trend;
            counts[t % season]++;
        }

        var figure = new double[season];
        var total = 0.0;
        for (var i = 0; i < season; i++)
        {
            figure[i] = sums[i] / counts[i];
            total += figure[i];
        }

        for (var i = 0; i < season; i++)
        {
            figure[i] /= total / season;
        }

        return figure;
    }
}
