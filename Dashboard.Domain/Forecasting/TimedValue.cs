namespace Dashboard.Domain.Forecasting;

/// <summary>One raw sample as Prometheus stores it: a Unix time in milliseconds and a value.</summary>
/// <param name="UnixMilliseconds">Sample time, milliseconds since the Unix epoch.</param>
/// <param name="Value">Sample value (may be NaN or infinite, as in Prometheus).</param>
public readonly record struct TimedValue(long UnixMilliseconds, double Value);
