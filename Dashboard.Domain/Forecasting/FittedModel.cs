namespace Dashboard.Domain.Forecasting;

/// <summary>A model fitted to a gap-aware series (NaN = missing step): it forecasts the steps after the data it saw.</summary>
internal abstract class FittedModel
{
    /// <summary>The model family.</summary>
    public abstract ForecastModelKind Kind { get; }

    /// <summary>Season length in steps, 0 without a season.</summary>
    public abstract int SeasonLength { get; }

    /// <summary>Standard deviation of the one-step-ahead errors.</summary>
    public abstract double ResidualStandardDeviation { get; }

    /// <summary>Corrected AIC, NaN when the family has no likelihood here.</summary>
    public virtual double Aicc => double.NaN;

    /// <summary>Fitted parameters by name.</summary>
    public abstract IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>Point forecasts and their standard deviations for steps 1..<c>mean.Length</c> after the data.</summary>
    public abstract void Forecast(Span<double> mean, Span<double> standardDeviation);

    /// <summary>The same model with its parameters kept and its states re-estimated from <paramref name="values"/>
    /// (a backtest origin); null when <paramref name="values"/> is too short for it.</summary>
    public abstract FittedModel? Refilter(ReadOnlySpan<double> values);

    /// <summary>The public description.</summary>
    public ForecastModel Describe() => new(Kind, SeasonLength, Parameters, Aicc, ResidualStandardDeviation);

    /// <summary>Repeats <paramref name="season"/> (phase p is the step one season before step p+1 ahead) with a spread
    /// of <paramref name="sigma"/> growing with each whole season ahead (variance σ²·(⌊(h−1)/m⌋+1)).</summary>
    protected static void RepeatSeason(double[] season, double sigma, Span<double> mean, Span<double> standardDeviation)
    {
        var m = season.Length;
        for (var h = 0; h < mean.Length; h++)
        {
            mean[h] = season[h % m];
            standardDeviation[h] = sigma * Math.Sqrt((h / m) + 1);
        }
    }

    /// <summary>Index of the last non-NaN value, −1 when there is none.</summary>
    protected static int LastFinite(ReadOnlySpan<double> values)
    {
        for (var i = values.Length - 1; i >= 0; i--)
        {
            if (!double.IsNaN(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Root mean square of the lag-<paramref name="lag"/> differences between observed values: the one-step
    /// error of the (seasonal) naive forecast; 0 when no pair is observed.</summary>
    protected static double LagDifferenceRms(ReadOnlySpan<double> values, int lag) => Math.Sqrt(LagDifferenceMean(values, lag, squared: true));

    /// <summary>Mean absolute lag-<paramref name="lag"/> difference between observed values (the MASE scale); 0 when
    /// no pair is observed.</summary>
    public static double MeanAbsoluteLagDifference(ReadOnlySpan<double> values, int lag) => LagDifferenceMean(values, lag, squared: false);

    private static double LagDifferenceMean(ReadOnlySpan<double> values, int lag, bool squared)
    {
        double sum = 0;
        var count = 0;
        for (var t = lag; t < values.Length; t++)
        {
            var d = values[t] - values[t - lag];
            if (!double.IsNaN(d))
            {
                sum += squared ? d * d : Math.Abs(d);
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }
}
