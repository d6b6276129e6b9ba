namespace Dashboard.Domain.Forecasting;

/// <summary>Whether a forecast was made.</summary>
public enum ForecastStatus
{
    /// <summary>A model was fitted and forecast points exist.</summary>
    Forecasted,

    /// <summary>Too little history to forecast honestly; nothing is guessed.</summary>
    InsufficientHistory,
}
