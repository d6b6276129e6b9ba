using Dashboard.Domain.Values;

namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Turns a forecast into dates for a threshold's warning and critical levels: whether the current value is already
/// past a level (strictly, as <see cref="Threshold"/> compares), when the point forecast first passes it (for a seasonal
/// forecast, when the line through its daily peaks does), and the range the prediction interval gives (the pessimistic
/// edge passes first, the optimistic edge last or never).
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

        var season = forecast.Model?.SeasonLength ?? 0;
        var points = forecast.Points;
        var expected = FirstPast(points, p => p.Expected, level, aboveIsBad, season);
        var earliest = FirstPast(points, p => aboveIsBad ? p.High : p.Low, level, aboveIsBad, season);
        var latest = expected is null ? null : FirstPast(points, p => aboveIsBad ? p.Low : p.High, level, aboveIsBad, season);

        if (expected is null)
        {
            // The point forecast stays on the good side; the pessimistic edge may still reach the level.
            return new ThresholdCrossing(CrossingKind.NotWithinHorizon, level, null, earliest, null, false);
        }

        var headingForBadSide = forecast.Trend == (aboveIsBad ? TrendVerdict.Rising : TrendVerdict.Falling);
        var actionable = headingForBadSide && gate.IsCloseEnough(current, level);
        return new ThresholdCrossing(CrossingKind.Expected, level, expected, earliest ?? expected, latest, actionable);
    }

    /// <summary>
    /// When <paramref name="value"/> of the forecast first passes <paramref name="level"/>. Without a season: the first
    /// step past it. With one (a daily swing), the level is first reached at a cycle's peak, and which day's peak it is
    /// flips with the smallest change in the fit; so the date is where the line through the cycles' peaks (each cycle's
    /// worst step, at the phase the first cycle has its worst) reaches the level, between the last peak short of it and
    /// the first past it. Continuous in the forecast: a fit that moves a little moves the date a little (issue 15).
    /// </summary>
    private static DateTimeOffset? FirstPast(IReadOnlyList<ForecastPoint> points, Func<ForecastPoint, double> value, double level, bool aboveIsBad, int season)
    {
        var first = -1;
        for (var i = 0; i < points.Count; i++)
        {
            if (IsPast(value(points[i]), level, aboveIsBad))
            {
                first = i;
                break;
            }
        }

        if (first < 0 || season < 2 || points.Count < 2 * season)
        {
            return first < 0 ? null : points[first].Time;
        }

        var phase = 0;
        for (var i = 1; i < season; i++)
        {
            var worse = aboveIsBad ? value(points[i]) > value(points[phase]) : value(points[i]) < value(points[phase]);
            phase = worse ? i : phase;
        }

        for (var peak = phase + season; peak < points.Count; peak += season)
        {
            if (!IsPast(value(points[peak]), level, aboveIsBad))
            {
                continue;
            }

            var previous = peak - season;
            if (IsPast(value(points[previous]), level, aboveIsBad))
            {
                break; // the first peak is already past: the step itself says when
            }

            var rise = value(points[peak]) - value(points[previous]);
            var fraction = rise == 0 ? 1 : Math.Clamp((level - value(points[previous])) / rise, 0, 1);
            return points[previous].Time + ((points[peak].Time - points[previous].Time) * fraction);
        }

        return points[first].Time;
    }

    private static bool IsPast(double value, double level, bool aboveIsBad) => aboveIsBad ? value > level : value < level;
}
