using Dashboard.Domain.Forecasting;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Storage;

namespace Dashboard.Services.Forecasts;

/// <summary>When one series reaches one level, for views and the API.</summary>
public sealed record CrossingView(
    string Kind, double Level, DateTimeOffset? Expected, DateTimeOffset? Earliest, DateTimeOffset? Latest, bool Actionable, double? DaysUntil)
{
    /// <summary>The last time a forecast run moved this date, and why (issue 15); null while no run has.</summary>
    public MoveView? Move { get; init; }
}

/// <summary>
/// The last move of one level's date between two forecast runs (Domain <see cref="CrossingMove"/>): when, from what to
/// what, why in words (<paramref name="Sentence"/>: "Moved 2 days earlier: in the 6 hours since the previous run the values
/// ran about 4 % above its forecast.").
/// </summary>
public sealed record MoveView(
    DateTimeOffset At,
    DateTimeOffset PreviousRunAt,
    string PreviousKind,
    DateTimeOffset? PreviousDate,
    string Kind,
    DateTimeOffset? Date,
    double? ShiftDays,
    string Cause,
    string Direction,
    string Reason,
    string Sentence)
{
    /// <summary>The view of a stored move; null for none.</summary>
    public static MoveView? Of(CrossingMove? move) => move is null
        ? null
        : new(move.At, move.PreviousAt, move.PreviousKind.ToString(), move.PreviousDate, move.Kind.ToString(), move.Date,
            move.Shift?.TotalDays, move.Cause.ToString(), move.Direction, move.Reason, move.Sentence);
}

/// <summary>
/// One stored forecast without its points: the row of the PM view's ranked table. <paramref name="LastFitPoint"/> is the
/// last hourly point used by the fit (history, not "now"); <see cref="Now"/> is the series' current reading.
/// </summary>
public sealed record ForecastSummary(
    string Metric,
    string Name,
    string Entity,
    string Unit,
    string Status,
    string Message,
    double? LastFitPoint,
    string? Model,
    int SeasonLength,
    IReadOnlyDictionary<string, double> Parameters,
    string Trend,
    double IntervalLevel,
    double? Smape,
    double? Mase,
    int? BacktestOrigins,
    CrossingView? Warning,
    CrossingView? Critical,
    DateTimeOffset ComputedAt,
    DateTimeOffset? HistoryFrom,
    DateTimeOffset? HistoryTo,
    DateTimeOffset? ForecastUntil)
{
    /// <summary>The series' reading now (ReadingService: the value the gauge shows, with its time and status); null when no pass stored one.</summary>
    public SeriesReading? Now { get; init; }

    /// <summary>How much history the forecast saw, in seconds.</summary>
    public double HistoryUsedSeconds { get; init; }

    /// <summary>
    /// The model's track record in plain words ("Checked on 2 past 2-day stretches of this series: off by about 6 %;
    /// repeating the previous day was off by about 9 %."), from <see cref="ForecastSkill.Describe"/>; null without a backtest.
    /// </summary>
    public string? Skill { get; init; }

    /// <summary>The same, short, for a table cell: "off by about 6 %; repeating the previous day: 9 %" (<see cref="ForecastSkill.Brief"/>).</summary>
    public string? SkillBrief { get; init; }

    /// <summary>How far off the model was on its backtest windows, percent of what happened; null without one.</summary>
    public double? OffByPercent { get; init; }

    /// <summary>The same for repeating the previous day (or week, or the last value) on the same windows.</summary>
    public double? ReferenceOffByPercent { get; init; }

    /// <summary>How much history a forecast needs, in seconds.</summary>
    public double HistoryRequiredSeconds { get; init; }

    /// <summary>How far the current value (the fresh reading now, else the fit's last point) is from the warning level, in
    /// units of the warning-to-critical gap (0 = at it); null without a value or levels. Ranks series that have no date.</summary>
    public double? Headroom => (Now is { IsFresh: true, Value: { } v } ? v : LastFitPoint) is { } c && Warning is { } w && Critical is { } k
        ? Math.Abs(w.Level - c) / (Math.Abs(k.Level - w.Level) is var gap and > 0 ? gap : Math.Max(Math.Abs(w.Level), 1e-9))
        : null;

    /// <summary>Whether the series is moving towards its bad side (rising where above is bad, falling where below is bad).</summary>
    public bool TrendsTowardsBreach => Warning is { } w && Critical is { } k &&
        (k.Level >= w.Level ? Trend == nameof(TrendVerdict.Rising) : Trend == nameof(TrendVerdict.Falling));

    /// <summary>
    /// Whether a crossing the fit saw as already past still holds now: the fresh reading is past the level
    /// (the bad side is the critical side). A stale reading leaves the fit's view standing; a series that
    /// no ingest pass reads any more is past nothing now.
    /// </summary>
    public bool StillPast(CrossingView crossing)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        if (crossing.Kind != nameof(CrossingKind.AlreadyPast))
        {
            return false;
        }
        if (Now is null)
        {
            // No pass reads the series now (it ended, e.g. a fallback that gave way): nothing is past now.
            return false;
        }
        if (Now is not { IsFresh: true, Value: { } value } || Warning is not { } w || Critical is not { } k)
        {
            // Stale: what it reads now is unknown, so the fit's view stands.
            return true;
        }
        return k.Level >= w.Level ? value > crossing.Level : value < crossing.Level;
    }

    /// <summary>Whether a model was fitted.</summary>
    public bool IsForecasted => Status == nameof(ForecastStatus.Forecasted);

    /// <summary>The nearer of the warning and critical crossings that is expected or already past, for ranking.</summary>
    public DateTimeOffset? FirstBreach(DateTimeOffset now) =>
        new[] { Warning, Critical }
            .Where(c => c is not null && (c.Kind == nameof(CrossingKind.AlreadyPast) || c.Expected is not null))
            .Select(c => c!.Kind == nameof(CrossingKind.AlreadyPast) ? now : c.Expected)
            .Min();
}

/// <summary>A forecast with its steps and the recent history behind it, for a chart.</summary>
public sealed record ForecastDetail(ForecastSummary Summary, IReadOnlyList<ForecastPoint> Points, IReadOnlyList<HistoryPoint> History);

/// <summary>When active users reach the next growth stage.</summary>
public sealed record StageEta(
    string CurrentStage, long CurrentUsers, string? NextStage, long? NextStageUsers, CrossingView? Crossing, string Message);

/// <summary>The latest forecast run, for the progress bar.</summary>
public sealed record ForecastRunView(
    Guid Id, string State, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int SeriesTotal, int SeriesDone, int SeriesForecasted, double? SeriesPerSecond, string? Error)
{
    /// <summary>0-100.</summary>
    public double Percent => SeriesTotal == 0 ? 0 : 100.0 * SeriesDone / SeriesTotal;

    /// <summary>Still queued or running.</summary>
    public bool IsActive => State is "Queued" or "Running";
}
