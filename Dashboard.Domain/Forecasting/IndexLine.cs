namespace Dashboard.Domain.Forecasting;

/// <summary>A least-squares line over step indices (x = 0, 1, 2, …), skipping missing steps (NaN). Two passes
/// (means first), so a long series at a large offset loses no precision.</summary>
/// <param name="Intercept">Value at index 0.</param>
/// <param name="Slope">Change per step; 0 when fewer than two steps are observed.</param>
/// <param name="Count">Observed steps used.</param>
/// <param name="MeanIndex">Mean index of the observed steps.</param>
/// <param name="Sxx">Sum of squared index deviations, Σ(x − x̄)².</param>
internal readonly record struct IndexLine(double Intercept, double Slope, int Count, double MeanIndex, double Sxx)
{
    /// <summary>Fits the first <paramref name="maxCount"/> observed steps of <paramref name="values"/>.</summary>
    public static IndexLine Fit(ReadOnlySpan<double> values, int maxCount = int.MaxValue)
    {
        double sx = 0, sy = 0;
        var n = 0;
        var end = 0;
        for (; end < values.Length && n < maxCount; end++)
        {
            if (!double.IsNaN(values[end]))
            {
                sx += end;
                sy += values[end];
                n++;
            }
        }

        if (n == 0)
        {
            return new IndexLine(0, 0, 0, 0, 0);
        }

        double meanX = sx / n, meanY = sy / n, sxx = 0, sxy = 0;
        for (var t = 0; t < end; t++)
        {
            if (!double.IsNaN(values[t]))
            {
                sxx += (t - meanX) * (t - meanX);
                sxy += (t - meanX) * (values[t] - meanY);
            }
        }

        var slope = sxx > 0 ? sxy / sxx : 0;
        return new IndexLine(meanY - (slope * meanX), slope, n, meanX, sxx);
    }

    /// <summary>The line's value at <paramref name="index"/>.</summary>
    public double At(double index) => Intercept + (Slope * index);
}
