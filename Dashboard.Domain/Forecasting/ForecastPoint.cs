namespace Dashboard.Domain.Forecasting;

/// <summary>One forecast step: the expected value and the prediction interval around it.</summary>
/// <param name="Time">The step's time.</param>
/// <param name="Expected">The point forecast.</param>
/// <param name="Low">Lower edge of the prediction interval.</param>
/// <param name="High">Upper edge of the prediction interval.</param>
public readonly record struct ForecastPoint(DateTimeOffset Time, double Expected, double Low, double High);
