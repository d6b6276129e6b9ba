namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Decides whether a series is going anywhere. Each detected season (strongest first) is removed by subtracting
/// each phase's mean deviation from a straight line; a least-squares line is fitted to what is left. The trend is real only when
/// (1) the slope's t-statistic, with the standard error widened for lag-1 autocorrelated noise (effective sample
/// size n·(1 − r₁)/(1 + r₁)), reaches the significance setting, and (2) the change the slope makes over the
/// horizon is at least the noise ratio setting times the standard deviation of the noise around the line.
/// </summary>
internal static class TrendAnalysis
{
    /// <summary>The verdict with its evidence.</summary>
    public readonly record struct Judgement(TrendVerdict Verdict, double SlopePerStep, double TStatistic, double NoiseStandardDeviation);

    public static Judgement Judge(ReadOnlySpan<double> values, IEnumerable<int> periods, int horizonSteps, double significance, double noiseRatio)
    {
        var adjusted = values.ToArray();
        foreach (var period in periods)
        {
            adjusted = Deseasonalised(adjusted, period);
        }

        var line = IndexLine.Fit(adjusted);
        var n = line.Count;
        if (n < 3)
        {
            return new Judgement(TrendVerdict.NoTrend, 0, 0, 0);
        }

        var slope = line.Slope;
        double sse = 0, lagProducts = 0;
        var previous = double.NaN;
        for (var t = 0; t < adjusted.Length; t++)
        {
            var residual = adjusted[t] - line.At(t);
            if (!double.IsNaN(residual))
            {
                sse += residual * residual;
                if (!double.IsNaN(previous))
                {
                    lagProducts += residual * previous;
                }
            }

            previous = residual;
        }

        var noise = Math.Sqrt(sse / (n - 2));

        // A change over the whole history at rounding level (a constant series whose mean is not exact in binary) is no trend.
        var scale = Math.Abs(line.At(line.MeanIndex));
        if (!double.IsFinite(slope) || Math.Abs(slope) * adjusted.Length <= 1e-9 * scale)
        {
            return new Judgement(TrendVerdict.NoTrend, 0, 0, noise);
        }

        var r1 = sse > 0 ? Math.Clamp(lagProducts / sse, 0, 0.99) : 0;
        var effective = Math.Max(3, n * (1 - r1) / (1 + r1));
        var standardError = noise / Math.Sqrt(line.Sxx) * Math.Sqrt(n / effective);
        var tStatistic = standardError > 0 ? slope / standardError : double.PositiveInfinity * Math.Sign(slope);
        var real = Math.Abs(tStatistic) >= significance && Math.Abs(slope) * horizonSteps >= noiseRatio * noise;
        var verdict = !real ? TrendVerdict.NoTrend : slope > 0 ? TrendVerdict.Rising : TrendVerdict.Falling;
        return new Judgement(verdict, slope, tStatistic, noise);
    }

    private static double[] Deseasonalised(ReadOnlySpan<double> values, int period)
    {
        var detrended = SeasonalityDetector.Detrended(values, out _);
        var sums = new double[period];
        var counts = new int[period];
        for (var t = 0; t < values.Length; t++)
        {
            if (!double.IsNaN(detrended[t]))
            {
                sums[t % period] += detrended[t];
                counts[t % period]++;
            }
        }

        var result = values.ToArray();
        for (var t = 0; t < result.Length; t++)
        {
            var phase = t % period;
            if (counts[phase] > 0)
            {
                result[t] -= sums[phase] / counts[phase];
            }
        }

        return result;
    }
}
