namespace Dashboard.Domain.Forecasting;

/// <summary>How well the chosen model did on held-out history (rolling-origin backtest).</summary>
/// <param name="Smape">Symmetric mean absolute percentage error, percent (0-200).</param>
/// <param name="Mase">Mean absolute scaled error against the (seasonal) naive forecast.</param>
/// <param name="Rmse">Root mean squared error, in the series' unit.</param>
/// <param name="Origins">How many forecast origins were evaluated.</param>
public sealed record ForecastAccuracy(double Smape, double Mase, double Rmse, int Origins);
