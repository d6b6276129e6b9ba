using Dashboard.Domain.Values;

namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Turns a forecast into dates for a threshold's warning and critical levels: whether the current value is already
/// past a level (strictly, as <see cref="Threshold"/> compares), when the point forecast first passes it, and the range
/// the prediction interval gives (the pessimistic edge passes first, the optimistic edge last or never).
/// </summary>
public static class CapacityOutlookEstimator
{
    /// <summary>The outlook for both levels with the default gate (<see cref="CapacityGate.Default"/>).</summary>
    /// <param name="forecast">The forecast of the metric.</param>
    /// <param name="threshold">The metric's levels and bad side.</param>
    /// <param name="currentValue">The latest value of the metric, finite.</param>
    public static CapacityOutlook Estimate(ForecastResult forecast, Threshold threshold, double currentValue) =>
        Estimate(forecast, threshold, currentValue, CapacityGate.Default);

    /// <summary>The outlook for both levels.</summary>
    /// <param name="forecast">The forecast of the metric.</param>
    /// <param name="threshold">The metric's levels and bad side.</param>
    /// <param name="currentValue">The latest value of the metric, finite.</param>
    /// <param name="gate">When an expected crossing is actionable.</param>
    /// <exception cref="DomainValidationException">The current value is not finite.</exception>
    public static CapacityOutlook Estimate(ForecastResult forecast, Threshold threshold, double currentValue, CapacityGate gate)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(gate);
        Guard.Finite(currentValue, "Current value");
        return new CapacityOutlook(
            Crossing(forecast, threshold.Direction, threshold.Warning, currentValue, gate),
            Crossing(forecast, threshold.Direction, threshold.Critical, currentValue, gate));
    }

    private static ThresholdCrossing Crossing(ForecastResult forecast, ThresholdDirection direction, double level, double current, CapacityGate gate)
    {
        var aboveIsBad = direction == ThresholdDirection.AboveIsBad;
        if (IsPast(current, level, aboveIsBad))
        {
            return new ThresholdCrossing(CrossingKind.AlreadyPast, level, null, null, null, false);
        }

        if (forecast.Status != ForecastStatus.Forecasted)
        {
            return new ThresholdCrossing(CrossingKind.InsufficientHistory, level, null, null, null, false);
        }

        if (forecast.Trend == TrendVerdict.NoTrend)
        {
            return new ThresholdCrossing(CrossingKind.NoTrend, level, null, null, null, false);
        }

        DateTimeOffset? expected = null, earliest = null, latest = null;
        foreach (var point in forecast.Points)
        {
            var pessimistic = aboveIsBad ? point.High : point.Low;
            var optimistic = aboveIsBad ? point.Low : point.High;
            if (earliest is null && IsPast(pessimistic, level, aboveIsBad))
            {
                earliest = point.Time;
            }

            if (expected is null && IsPast(point.Expected, level, aboveIsBad))
            {
                expected = point.Time;
            }

            if (latest is null && IsPast(optimistic, level, aboveIsBad))
            {
                latest = point.Time;
                break;
            }
        }

        if (expected is null)
        {
            // The point forecast stays on the good side; the pessimistic edge may still reach the level.
            return new ThresholdCrossing(CrossingKind.NotWithinHorizon, level, null, earliest, null, false);
        }

        var headingForBadSide = forecast.Trend == (aboveIsBad ? TrendVerdict.Rising : TrendVerdict.Falling);
        var actionable = headingForBadSide && gate.IsCloseEnough(current, level);
        return new ThresholdCrossing(CrossingKind.Expected, level, expected, earliest ?? expected, latest, actionable);
    }

    private static bool IsPast(double value, double level, bool aboveIsBad) => aboveIsBad ? value > level : value < level;
}
