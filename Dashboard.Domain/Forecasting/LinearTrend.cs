namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Prometheus' <c>predict_linear</c> and <c>deriv</c>, with the same arithmetic as Prometheus 2.42
/// (<c>promql/functions.go</c>, <c>linearRegression</c>): ordinary least squares over seconds relative
/// to an intercept time, sums kept with Kahan compensation, and a constant series answered exactly
/// (slope 0) so no rounding noise turns into a tiny trend.
/// </summary>
public static class LinearTrend
{
    /// <summary>Fits a line through <paramref name="samples"/> with x = (t − <paramref name="interceptUnixMilliseconds"/>) / 1000.</summary>
    /// <param name="samples">At least two samples in time order (Prometheus needs two to answer).</param>
    /// <param name="interceptUnixMilliseconds">The time the intercept refers to.</param>
    /// <returns>The fit. A constant series gives slope 0 and its value exactly, except a constant infinity, which gives NaN
    /// for both. Any other series holding a NaN or an infinity, or whose sums overflow, gives NaN for both. Samples that all share one time (Prometheus never
    /// stores such a series) have no line through them and give no meaningful result.</returns>
    public static LinearFit Regress(ReadOnlySpan<TimedValue> samples, long interceptUnixMilliseconds)
    {
        if (samples.Length < 2)
        {
            throw new ArgumentException($"A linear regression needs at least 2 samples, but got {samples.Length}.", nameof(samples));
        }

        double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
        var initY = samples[0].Value;
        var constY = true;
        for (var i = 0; i < samples.Length; i++)
        {
            var sample = samples[i];
            // IEEE comparison as in Go: NaN never equals anything, so an all-NaN series is not "constant".
            if (constY && i > 0 && sample.Value != initY)
            {
                constY = false;
            }

            n += 1.0;
            var x = (sample.UnixMilliseconds - interceptUnixMilliseconds) / 1e3;
            (sumX, cX) = KahanSumInc(x, sumX, cX);
            (sumY, cY) = KahanSumInc(sample.Value, sumY, cY);
            (sumXY, cXY) = KahanSumInc(x * sample.Value, sumXY, cXY);
            (sumX2, cX2) = KahanSumInc(x * x, sumX2, cX2);
        }

        if (constY)
        {
            return double.IsInfinity(initY) ? new LinearFit(double.NaN, double.NaN) : new LinearFit(0, initY);
        }

        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;

        var covXY = sumXY - (sumX * sumY / n);
        var varX = sumX2 - (sumX * sumX / n);
        var slope = covXY / varX;
        var intercept = (sumY / n) - (slope * sumX / n);
        return new LinearFit(slope, intercept);
    }

    /// <summary><c>predict_linear(v[range], secondsAhead)</c> evaluated at <paramref name="evaluationUnixMilliseconds"/>.</summary>
    /// <param name="samples">The samples in the range, in time order, at least two. Prometheus 2.42's <c>v[range]</c>
    /// holds those with evaluation time − range ≤ t ≤ evaluation time (both ends included).</param>
    /// <param name="evaluationUnixMilliseconds">The query's evaluation time.</param>
    /// <param name="secondsAhead">How far past the evaluation time to extrapolate.</param>
    public static double PredictLinear(ReadOnlySpan<TimedValue> samples, long evaluationUnixMilliseconds, double secondsAhead)
    {
        var fit = Regress(samples, evaluationUnixMilliseconds);
        return (fit.Slope * secondsAhead) + fit.Intercept;
    }

    /// <summary><c>deriv(v[range])</c>: the per-second slope, with the first sample's time as the intercept time.</summary>
    /// <param name="samples">The samples in the range, in time order, at least two.</param>
    public static double Deriv(ReadOnlySpan<TimedValue> samples)
    {
        if (samples.Length < 2)
        {
            throw new ArgumentException($"deriv needs at least 2 samples, but got {samples.Length}.", nameof(samples));
        }

        return Regress(samples, samples[0].UnixMilliseconds).Slope;
    }

    // Prometheus 2.42's kahanSumInc: Neumaier's variant, which also handles an increment larger than the sum.
    // 2.42 has no special case for an infinite running sum (later versions reset the compensation there),
    // so a sum that overflows leaves an infinite or NaN compensation and the fit comes out NaN, as in 2.42.
    private static (double Sum, double Compensation) KahanSumInc(double inc, double sum, double c)
    {
        var t = sum + inc;
        if (Math.Abs(sum) >= Math.Abs(inc))
        {
            c += (sum - t) + inc;
        }
        else
        {
            c += (inc - t) + sum;
        }

        return (t, c);
    }
}
