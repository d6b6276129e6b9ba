namespace Dashboard.Bench.Forecast;

/// <summary>The M4 competition's error measures, as its evaluation code computes them.</summary>
internal static class Metrics
{
    /// <summary>sMAPE in percent: mean over the horizon of 200·|y − f| / (|y| + |f|), 0/0 counted as 0.</summary>
    public static double Smape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        var sum = 0.0;
        for (var h = 0; h < actual.Length; h++)
        {
            // 0/0 counts 0 (the operations traces' protocol; M4 has no zeros).
            var denominator = Math.Abs(actual[h]) + Math.Abs(forecast[h]);
            sum += denominator > 0 ? 200 * Math.Abs(actual[h] - forecast[h]) / denominator : 0;
        }

        return sum / actual.Length;
    }

    /// <summary>Mean absolute error of the in-sample seasonal naive forecast (lag <paramref name="season"/>),
    /// the denominator of M4's MASE.</summary>
    public static double SeasonalNaiveScale(ReadOnlySpan<double> train, int season)
    {
        var sum = 0.0;
        for (var t = season; t < train.Length; t++)
        {
            sum += Math.Abs(train[t] - train[t - season]);
        }

        return sum / (train.Length - season);
    }

    /// <summary>MASE: mean absolute error over the horizon divided by <paramref name="scale"/>.</summary>
    public static double Mase(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, double scale)
    {
        var sum = 0.0;
        for (var h = 0; h < actual.Length; h++)
        {
            sum += Math.Abs(actual[h] - forecast[h]);
        }

        return sum / actual.Length / scale;
    }

    /// <summary>How many actual values fall inside [low, high].</summary>
    public static int Covered(ReadOnlySpan<double> actual, ReadOnlySpan<double> low, ReadOnlySpan<double> high)
    {
        var inside = 0;
        for (var h = 0; h < actual.Length; h++)
        {
            if (actual[h] >= low[h] && actual[h] <= high[h])
            {
                inside++;
            }
        }

        return inside;
    }

    /// <summary>M4's MSIS: mean interval score (width plus 2/α times any miss) divided by <paramref name="scale"/>.</summary>
    public static double Msis(ReadOnlySpan<double> actual, ReadOnlySpan<double> low, ReadOnlySpan<double> high, double alpha, double scale)
    {
        var sum = 0.0;
        for (var h = 0; h < actual.Length; h++)
        {
            sum += high[h] - low[h];
            if (actual[h] < low[h])
            {
                sum += 2 / alpha * (low[h] - actual[h]);
            }
            else if (actual[h] > high[h])
            {
                sum += 2 / alpha * (actual[h] - high[h]);
            }
        }

        return sum / actual.Length / scale;
    }
}
