namespace Dashboard.Domain.Forecasting;

/// <summary>The model families a forecast can be made with.</summary>
public enum ForecastModelKind
{
    /// <summary>The last value, carried forward.</summary>
    Naive,

    /// <summary>The value one season ago, carried forward.</summary>
    SeasonalNaive,

    /// <summary>Ordinary least squares line (Prometheus' <c>predict_linear</c>).</summary>
    Linear,

    /// <summary>Simple exponential smoothing (level only).</summary>
    SimpleExponentialSmoothing,

    /// <summary>Holt's linear trend method.</summary>
    Holt,

    /// <summary>Holt's method with a damped trend.</summary>
    DampedHolt,

    /// <summary>Holt-Winters with an additive season.</summary>
    HoltWintersAdditive,

    /// <summary>Holt-Winters with a multiplicative season.</summary>
    HoltWintersMultiplicative,

    /// <summary>The average of the last few seasons at the same phase, at the last season's level.</summary>
    SeasonalAverage,
}
