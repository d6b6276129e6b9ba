namespace Dashboard.Domain.Forecasting;

/// <summary>
/// The answer of a forecast: either a fitted model with points and intervals, or a plain
/// "not enough history" that says how much is needed. Nothing is guessed.
/// </summary>
/// <param name="Status">Whether a forecast was made.</param>
/// <param name="Message">A sentence for people ("needs at least 7 days of history, has 2.5 days").</param>
/// <param name="HistoryUsed">How much history the forecast saw.</param>
/// <param name="HistoryRequired">How much history a forecast needs.</param>
/// <param name="Model">The chosen model; null when <see cref="Status"/> is not <see cref="ForecastStatus.Forecasted"/>.</param>
/// <param name="Points">Forecast steps after the last observation, empty when not forecasted.</param>
/// <param name="IntervalLevel">Nominal coverage of the Low/High interval (0.95 = 95 %).</param>
/// <param name="Accuracy">Backtest error of the chosen model; null when the history was too short to backtest.</param>
/// <param name="Trend">Whether the series is going anywhere.</param>
public sealed record ForecastResult(
    ForecastStatus Status,
    string Message,
    TimeSpan HistoryUsed,
    TimeSpan HistoryRequired,
    ForecastModel? Model,
    IReadOnlyList<ForecastPoint> Points,
    double IntervalLevel,
    ForecastAccuracy? Accuracy,
    TrendVerdict Trend)
{
    /// <summary>When the isolated spikes and dropouts were that the fit set aside (<see cref="SpikeFilter"/>), oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> SpikesSetAside { get; init; } = [];
}
