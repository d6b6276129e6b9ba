using Dashboard.Domain.Values;

namespace Dashboard.Domain.Forecasting;

/// <summary>
/// How <see cref="Forecaster"/> works: how much history it demands, the resolution it fits at, the interval it
/// draws, which seasons it looks for and when it calls a trend real. Every value is checked when it is set;
/// a bad one throws <see cref="DomainValidationException"/> naming the setting.
/// </summary>
/// <remarks>The reasons behind the defaults are in docs/decisions/009-forecasting-models.md.</remarks>
public sealed record ForecastSettings
{
    private readonly TimeSpan minimumHistory = TimeSpan.FromDays(7);
    private readonly int minimumPoints = 3;
    private readonly double intervalLevel = 0.95;
    private readonly TimeSpan fitResolution = TimeSpan.FromHours(1);
    private readonly double maxHorizonToHistoryRatio = 4;
    private readonly IReadOnlyList<TimeSpan> seasonalPeriods = [TimeSpan.FromDays(1), TimeSpan.FromDays(7)];
    private readonly int minimumSeasons = 2;
    private readonly int backtestOrigins = 2;
    private readonly int maxFitSteps = 1200;
    private readonly double trendSignificance = 3;
    private readonly double trendNoiseRatio = 0.5;
    private readonly int maxOptimizerEvaluations = 200;
    private readonly IReadOnlyList<ForecastModelKind> models = Enum.GetValues<ForecastModelKind>();

    /// <summary>The defaults for monitored metrics: at least 7 days of history, fitted at 1 h.</summary>
    public static ForecastSettings Default { get; } = new();

    /// <summary>For user-uploaded series: no fixed minimum span, but at least 12 points, and the history must span
    /// at least the horizon (nothing is extrapolated further than it has been observed).</summary>
    public static ForecastSettings AdHoc { get; } = new()
    {
        MinimumHistory = TimeSpan.Zero,
        MinimumPoints = 12,
        MaxHorizonToHistoryRatio = 1,
    };

    /// <summary>The least history a forecast is made from ("needs at least 7 days of history"). Zero or more.</summary>
    public TimeSpan MinimumHistory
    {
        get => minimumHistory;
        init => minimumHistory = Guard.NonNegative(value, "Forecast minimum history");
    }

    /// <summary>The least number of observed (non-gap) steps at the fit resolution; at least 3, the fewest a line
    /// leaves a residual, and so an interval, from.</summary>
    public int MinimumPoints
    {
        get => minimumPoints;
        init => minimumPoints = AtLeast(value, 3, "Forecast minimum points");
    }

    /// <summary>Nominal coverage of the prediction interval, strictly between 0 and 1 (0.95 = 95 %).</summary>
    public double IntervalLevel
    {
        get => intervalLevel;
        init => intervalLevel = value is > 0 and < 1
            ? value
            : throw new DomainValidationException($"Forecast interval level must be between 0 and 1 (exclusive), but was {Guard.Show(value)}.");
    }

    /// <summary>Finer history is averaged into buckets of this size before fitting; coarser history is fitted at its own step.</summary>
    public TimeSpan FitResolution
    {
        get => fitResolution;
        init => fitResolution = Guard.Positive(value, "Forecast fit resolution");
    }

    /// <summary>The furthest a forecast may reach, as a multiple of the history it saw; a longer horizon is refused.</summary>
    public double MaxHorizonToHistoryRatio
    {
        get => maxHorizonToHistoryRatio;
        init => maxHorizonToHistoryRatio = Guard.Positive(value, "Forecast maximum horizon-to-history ratio");
    }

    /// <summary>Season lengths to test for (daily and weekly by default); each one is used when it is a whole number
    /// of steps, at least 2 steps, the history holds <see cref="MinimumSeasons"/> of it, and the autocorrelation at
    /// its lag is significant.</summary>
    public IReadOnlyList<TimeSpan> SeasonalPeriods
    {
        get => seasonalPeriods;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var period in value)
            {
                Guard.Positive(period, "Forecast seasonal period");
            }

            seasonalPeriods = [.. value];
        }
    }

    /// <summary>How many whole seasons of history a seasonal model needs (at least 2).</summary>
    public int MinimumSeasons
    {
        get => minimumSeasons;
        init => minimumSeasons = AtLeast(value, 2, "Forecast minimum seasons");
    }

    /// <summary>How many rolling forecast origins, one horizon apart before the holdout that chose the model, the
    /// reported accuracy is averaged over (at least 1; fewer when the history has no room).</summary>
    public int BacktestOrigins
    {
        get => backtestOrigins;
        init => backtestOrigins = AtLeast(value, 1, "Forecast backtest origins");
    }

    /// <summary>The t-statistic (corrected for autocorrelated noise) a slope must reach on deseasonalised history
    /// to count as a trend.</summary>
    public double TrendSignificance
    {
        get => trendSignificance;
        init => trendSignificance = Guard.Positive(value, "Forecast trend significance");
    }

    /// <summary>The change a trend must make over the horizon, in standard deviations of the noise around it,
    /// to count as a trend; a smaller drift is reported as no trend.</summary>
    public double TrendNoiseRatio
    {
        get => trendNoiseRatio;
        init => trendNoiseRatio = Guard.NonNegative(value, "Forecast trend-to-noise ratio");
    }

    /// <summary>Model parameters are fitted to at most this many of the latest steps (at least 48); older history
    /// still counts for the trend verdict. Bounds the cost of a long history.</summary>
    public int MaxFitSteps
    {
        get => maxFitSteps;
        init => maxFitSteps = AtLeast(value, 48, "Forecast maximum fit steps");
    }

    /// <summary>The model families that compete (all by default). Restrict it to force one, e.g. only
    /// <see cref="ForecastModelKind.Linear"/> for <c>predict_linear</c>'s answer with an interval. When none of them
    /// can be fitted (a seasonal family without a season in the data) the forecast falls back to the line.</summary>
    public IReadOnlyList<ForecastModelKind> Models
    {
        get => models;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0)
            {
                throw new DomainValidationException("Forecast models must name at least one model family.");
            }

            foreach (var kind in value)
            {
                if (!Enum.IsDefined(kind))
                {
                    throw new DomainValidationException($"Forecast models: {(int)kind} is not a known model family.");
                }
            }

            models = [.. value.Distinct()];
        }
    }

    /// <summary>The most objective evaluations one model's parameter search may take (at least 20).</summary>
    public int MaxOptimizerEvaluations
    {
        get => maxOptimizerEvaluations;
        init => maxOptimizerEvaluations = AtLeast(value, 20, "Forecast maximum optimizer evaluations");
    }

    private static int AtLeast(int value, int minimum, string name) =>
        value >= minimum ? value : throw new DomainValidationException($"{name} must be at least {minimum}, but was {value}.");
}
