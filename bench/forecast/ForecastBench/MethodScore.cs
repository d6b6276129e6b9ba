namespace Dashboard.Bench.Forecast;

/// <summary>One method's scores on one series.</summary>
internal sealed record MethodScore(double Smape, double Mase, int Covered, double Msis, string? Model);

/// <summary>One method's forecasts and scores over the whole data set.</summary>
internal sealed class MethodResult(string name, int seriesCount)
{
    public string Name { get; } = name;

    public MethodScore[] Scores { get; } = new MethodScore[seriesCount];

    /// <summary>Seconds spent producing the forecasts (wall clock for this process; for R's ets, the sum
    /// of its per-series fit times).</summary>
    public double Seconds { get; set; }

    public bool HasIntervals => Scores.All(s => !double.IsNaN(s.Msis));

    public double MeanSmape => Scores.Average(s => s.Smape);

    public double MeanMase => Scores.Average(s => s.Mase);

    public double MeanMsis => Scores.Average(s => s.Msis);

    public long CoveredPoints => Scores.Sum(s => (long)s.Covered);
}
