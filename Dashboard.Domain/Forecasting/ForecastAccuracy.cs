namespace Dashboard.Domain.Forecasting;

/// <summary>How well the chosen model did on held-out history (rolling-origin backtest).</summary>
/// <param name="Smape">Symmetric mean absolute percentage error, percent (0-200).</param>
/// <param name="Mase">Mean absolute scaled error against the (seasonal) naive forecast.</param>
/// <param name="Rmse">Root mean squared error, in the series' unit.</param>
/// <param name="Origins">How many forecast origins were evaluated.</param>
public sealed record ForecastAccuracy(double Smape, double Mase, double Rmse, int Origins)
{
    /// <summary>
    /// How far off the model was on those windows, in percent of what happened: the sum of the absolute errors over
    /// the sum of the absolute values (a weighted absolute percentage error: steady near zero, where sMAPE is not).
    /// Null when the values were all zero.
    /// </summary>
    public double? OffByPercent { get; init; }

    /// <summary>The same measure for the simple guess on the same windows (<see cref="Reference"/>).</summary>
    public double? ReferenceOffByPercent { get; init; }

    /// <summary>The simple guess the model is measured against: the same time one season earlier, or the last value.</summary>
    public SkillReference Reference { get; init; }

    /// <summary>How long each backtest window was (the forecast horizon, at most the holdout); zero when unknown.</summary>
    public TimeSpan Window { get; init; }
}

/// <summary>The simple guess a forecast's skill is measured against.</summary>
public enum SkillReference
{
    /// <summary>The last value, repeated.</summary>
    LastValue,

    /// <summary>The same hour of the previous day.</summary>
    PreviousDay,

    /// <summary>The same hour of the previous week.</summary>
    PreviousWeek,

    /// <summary>The same point of the previous season (a season other than a day or a week).</summary>
    PreviousSeason,
}
