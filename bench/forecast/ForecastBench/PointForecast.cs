namespace Dashboard.Bench.Forecast;

/// <summary>One method's forecast for one series: the point forecast and, when the method gives one,
/// the prediction interval and the model it chose.</summary>
internal sealed record PointForecast(double[] Mean, double[]? Low = null, double[]? High = null, string? Model = null);
