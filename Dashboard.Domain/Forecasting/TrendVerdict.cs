namespace Dashboard.Domain.Forecasting;

/// <summary>Whether a series is going anywhere, judged against its own noise.</summary>
public enum TrendVerdict
{
    /// <summary>No trend distinguishable from noise: no far-away date is given.</summary>
    NoTrend,

    /// <summary>Rising.</summary>
    Rising,

    /// <summary>Falling.</summary>
    Falling,
}
