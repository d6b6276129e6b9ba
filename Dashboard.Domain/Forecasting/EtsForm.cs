namespace Dashboard.Domain.Forecasting;

/// <summary>The trend component of an exponential smoothing model.</summary>
internal enum EtsTrend
{
    None,
    Additive,
    Damped,
}

/// <summary>The season component of an exponential smoothing model.</summary>
internal enum EtsSeason
{
    None,
    Additive,
    Multiplicative,
}

/// <summary>One exponential smoothing form: trend, season and season length (steps; 1 without a season).</summary>
internal readonly record struct EtsForm(EtsTrend Trend, EtsSeason Season, int Period)
{
    public bool HasTrend => Trend != EtsTrend.None;

    public bool HasSeason => Season != EtsSeason.None;

    /// <summary>Smoothing parameters searched: alpha, plus beta, phi and gamma when present.</summary>
    public int SearchedParameters => 1 + (HasTrend ? 1 : 0) + (Trend == EtsTrend.Damped ? 1 : 0) + (HasSeason ? 1 : 0);

    /// <summary>Free quantities for the AICc: parameters, initial states and the noise variance.</summary>
    public int FreeQuantities => SearchedParameters + 1 + (HasTrend ? 1 : 0) + (HasSeason ? Period - 1 : 0) + 1;

    /// <summary>The fewest steps the form is fitted to: two whole seasons, or a handful without one.</summary>
    public int MinimumLength => HasSeason ? 2 * Period : (HasTrend ? 6 : 3);

    public ForecastModelKind Kind => (Trend, Season) switch
    {
        (_, EtsSeason.Additive) => ForecastModelKind.HoltWintersAdditive,
        (_, EtsSeason.Multiplicative) => ForecastModelKind.HoltWintersMultiplicative,
        (EtsTrend.Additive, _) => ForecastModelKind.Holt,
        (EtsTrend.Damped, _) => ForecastModelKind.DampedHolt,
        _ => ForecastModelKind.SimpleExponentialSmoothing,
    };
}
