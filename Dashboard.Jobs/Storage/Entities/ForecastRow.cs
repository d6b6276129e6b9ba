namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// The latest forecast of one series (metric + entity): the chosen model, its backtest error,
/// the forecast steps on a regular grid and when the series reaches its warning and critical
/// levels. One row per series; a new run replaces it (re-running is idempotent).
/// </summary>
public sealed class ForecastRow
{
    public long Id { get; set; }
    public required string Metric { get; set; }
    public required string Entity { get; set; }
    public Guid RunId { get; set; }
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>"Forecasted" or "InsufficientHistory" (Domain ForecastStatus).</summary>
    public required string Status { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset? HistoryFrom { get; set; }
    public DateTimeOffset? HistoryTo { get; set; }
    public double HistoryUsedSeconds { get; set; }
    public double HistoryRequiredSeconds { get; set; }
    public double? CurrentValue { get; set; }
    public required string Unit { get; set; }

    public string? ModelKind { get; set; }
    public int SeasonLength { get; set; }
    public Dictionary<string, double> Parameters { get; set; } = [];
    public double? Aicc { get; set; }
    public double? ResidualStandardDeviation { get; set; }
    public double IntervalLevel { get; set; }
    public double? Smape { get; set; }
    public double? Mase { get; set; }
    public double? Rmse { get; set; }
    public int? BacktestOrigins { get; set; }

    /// <summary>How far off the model was on its backtest windows, in percent of what happened (Domain ForecastAccuracy).</summary>
    public double? OffByPercent { get; set; }

    /// <summary>The same for the simple guess on the same windows.</summary>
    public double? ReferenceOffByPercent { get; set; }

    /// <summary>The simple guess: "LastValue", "PreviousDay", "PreviousWeek" or "PreviousSeason" (Domain SkillReference).</summary>
    public string? SkillReference { get; set; }

    /// <summary>The length of each backtest window, in seconds.</summary>
    public double? BacktestWindowSeconds { get; set; }

    /// <summary>"NoTrend", "Rising" or "Falling" (Domain TrendVerdict).</summary>
    public required string Trend { get; set; }

    /// <summary>Time of the first forecast step; the rest follow every <see cref="PointsStepSeconds"/>.</summary>
    public DateTimeOffset? PointsStart { get; set; }
    public double PointsStepSeconds { get; set; }
    public double[] Expected { get; set; } = [];
    public double[] Low { get; set; } = [];
    public double[] High { get; set; } = [];

    /// <summary>Null for series without thresholds (active users).</summary>
    public CrossingColumns? Warning { get; set; }
    public CrossingColumns? Critical { get; set; }
}

/// <summary>When a forecast reaches one level (Domain ThresholdCrossing), stored as columns.</summary>
public sealed class CrossingColumns
{
    public required string Kind { get; set; }
    public double Level { get; set; }
    public DateTimeOffset? Expected { get; set; }
    public DateTimeOffset? Earliest { get; set; }
    public DateTimeOffset? Latest { get; set; }
    public bool Actionable { get; set; }

    /// <summary>The last run that moved this level's date (Domain CrossingMove), kept until a later run moves it again; null
    /// while no run has moved it. The run before it, what that run said, what the moving run said, why.</summary>
    public DateTimeOffset? MovedAt { get; set; }
    public DateTimeOffset? MovedFromRunAt { get; set; }
    public string? MovedFromKind { get; set; }
    public DateTimeOffset? MovedFromDate { get; set; }
    public string? MovedToKind { get; set; }
    public DateTimeOffset? MovedToDate { get; set; }

    /// <summary>Domain MoveCause.</summary>
    public string? MoveCause { get; set; }
    public string? MoveReason { get; set; }
}
