namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Finds which candidate season lengths a series really has: after removing a straight line, the autocorrelation
/// at the season's lag must be positive and exceed z·√((1 + 2·Σ_{k&lt;m} r_k²)/n) with z = 1.645 (the 90 % test the M4
/// competition's benchmarks use to decide whether to deseasonalise).
/// </summary>
internal static class SeasonalityDetector
{
    private const double Z = 1.645;

    /// <summary>The lags among <paramref name="periods"/> with significant positive autocorrelation, strongest first,
    /// with their autocorrelation.</summary>
    public static IReadOnlyList<(int Period, double Autocorrelation)> Detect(ReadOnlySpan<double> values, IReadOnlyList<int> periods)
    {
        var found = new List<(int, double)>();
        var maxLag = 0;
        foreach (var m in periods)
        {
            maxLag = Math.Max(maxLag, m);
        }

        if (maxLag < 2)
        {
            return found;
        }

        var centred = Detrended(values, out var observed);
        if (observed < 2 * maxLag)
        {
            maxLag = Math.Min(maxLag, observed / 2);
        }

        var r = Autocorrelations(centred, maxLag);
        if (r.Length == 0)
        {
            return found;
        }

        foreach (var m in periods)
        {
            if (m < 2 || m > maxLag)
            {
                continue;
            }

            double sum = 0;
            for (var k = 1; k < m; k++)
            {
                sum += r[k] * r[k];
            }

            var limit = Z * Math.Sqrt((1 + (2 * sum)) / observed);
            if (r[m] > limit)
            {
                found.Add((m, r[m]));
            }
        }

        found.Sort((a, b) => b.Item2.CompareTo(a.Item2));
        return found;
    }

    /// <summary>The series minus its least-squares line (NaN kept), and the number of observed steps.</summary>
    public static double[] Detrended(ReadOnlySpan<double> values, out int observed)
    {
        var line = IndexLine.Fit(values);
        observed = line.Count;
        var result = new double[values.Length];
        for (var t = 0; t < values.Length; t++)
        {
            result[t] = values[t] - line.At(t);
        }

        return result;
    }

    /// <summary>Autocorrelations r_0..r_maxLag of a zero-mean series with gaps: products over observed pairs,
    /// normalised by the observed sum of squares (the usual biased estimator).</summary>
    public static double[] Autocorrelations(ReadOnlySpan<double> centred, int maxLag)
    {
        double variance = 0;
        foreach (var v in centred)
        {
            if (!double.IsNaN(v))
            {
                variance += v * v;
            }
        }

        if (variance <= 0 || maxLag < 1)
        {
            return [];
        }

        // Gaps as zeros contribute nothing to the products, which is what skipping the pair does.
        var filled = new double[centred.Length];
        for (var t = 0; t < centred.Length; t++)
        {
            filled[t] = double.IsNaN(centred[t]) ? 0 : centred[t];
        }

        var r = new double[maxLag + 1];
        r[0] = 1;
        var data = filled.AsSpan();
        for (var k = 1; k <= maxLag && k < data.Length; k++)
        {
            r[k] = Dot(data[..^k], data[k..]) / variance;
        }

        return r;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = System.Numerics.Vector<double>.Zero;
        var width = System.Numerics.Vector<double>.Count;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sum += new System.Numerics.Vector<double>(a[i..]) * new System.Numerics.Vector<double>(b[i..]);
        }

        var total = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}
