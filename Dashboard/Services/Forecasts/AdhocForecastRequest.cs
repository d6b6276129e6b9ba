namespace Dashboard.Services.Forecasts;

/// <summary>
/// Body of POST /api/v1/forecasts/adhoc: <c>{"points":[[unixSeconds,value],...], "horizonSeconds":N,
/// "threshold":X?, "direction":"above"|"below"?}</c>.
/// </summary>
public sealed class AdhocForecastRequest
{
    public double[][]? Points { get; set; }
    public double? HorizonSeconds { get; set; }
    public double? Threshold { get; set; }
    public string? Direction { get; set; }
}

/// <summary>An ad-hoc forecast's answer: the chosen model, the steps with their range, and when the threshold is crossed.</summary>
public sealed record AdhocForecastResponse(
    string Status,
    string Message,
    string? Model,
    int SeasonLength,
    IReadOnlyDictionary<string, double> Parameters,
    string Trend,
    double IntervalLevel,
    double StepSeconds,
    IReadOnlyList<AdhocPoint> Points,
    AdhocCrossing? TimeToThreshold);

/// <summary>One forecast step (Unix seconds).</summary>
public sealed record AdhocPoint(long T, double Expected, double Low, double High);

/// <summary>When the forecast crosses the request's threshold; seconds are counted from the last input point.</summary>
public sealed record AdhocCrossing(
    string Kind, double Level, long? Expected, long? Earliest, long? Latest, double? SecondsFromLastPoint);
