namespace Dashboard.Domain.Forecasting;

/// <summary>
/// When a forecast reaches one threshold level: the expected date and the range the interval's
/// edges give (the pessimistic edge crosses first, the optimistic edge last or never).
/// </summary>
/// <param name="Kind">What the forecast says about the level.</param>
/// <param name="Level">The level in the metric's unit.</param>
/// <param name="Expected">When the point forecast crosses; set only for <see cref="CrossingKind.Expected"/>.</param>
/// <param name="Earliest">When the pessimistic interval edge crosses (the range's start).</param>
/// <param name="Latest">When the optimistic interval edge crosses; null when it does not within the horizon.</param>
/// <param name="Actionable">True when the crossing is expected and the gate holds (the current level is already close
/// enough and the trend is real), the way node_exporter's "filesystem filling up" alerts combine both.</param>
public sealed record ThresholdCrossing(
    CrossingKind Kind,
    double Level,
    DateTimeOffset? Expected,
    DateTimeOffset? Earliest,
    DateTimeOffset? Latest,
    bool Actionable);
