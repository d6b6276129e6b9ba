using System.Globalization;
using Dashboard.Domain.Values;

namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Compares one level's date between two forecast runs of the same series: whether it moved more than the noise
/// (<see cref="Tolerance"/> of the time that was left, at least <see cref="Smallest"/>), a date appeared or vanished,
/// and the most specific reason (<see cref="MoveCause"/>): the level changed, the metric since the previous run ran
/// on one side of that run's forecast, the trend appeared or faded, the method changed, or newer data refined the fit.
/// </summary>
public static class CrossingMoves
{
    /// <summary>A date moves when it shifts by at least this share of the time the previous run left until it.</summary>
    public const double Tolerance = 0.05;

    /// <summary>The smallest shift that counts as a move.</summary>
    public static readonly TimeSpan Smallest = TimeSpan.FromHours(1);

    // The metric ran on one side of the previous forecast when it was off by this share of it on average.
    private const double Surprise = 0.02;

    /// <summary>What one run said about one level, and what it needs to be compared with the next.</summary>
    /// <param name="ComputedAt">When the run was computed.</param>
    /// <param name="Direction">Which side of the level is bad.</param>
    /// <param name="Level">The level.</param>
    /// <param name="Kind">What the run said about it.</param>
    /// <param name="Date">The expected date, when <paramref name="Kind"/> is <see cref="CrossingKind.Expected"/>.</param>
    /// <param name="Model">The method the run chose; null when it made no forecast.</param>
    /// <param name="Points">The run's forecast (to hold against what happened next).</param>
    public sealed record Snapshot(
        DateTimeOffset ComputedAt,
        ThresholdDirection Direction,
        double Level,
        CrossingKind Kind,
        DateTimeOffset? Date,
        ForecastModelKind? Model,
        IReadOnlyList<ForecastPoint> Points);

    /// <summary>The move from <paramref name="previous"/> to <paramref name="current"/>, or null when the date held.</summary>
    /// <param name="previous">The earlier run.</param>
    /// <param name="current">The newer run.</param>
    /// <param name="history">The history the newer run saw (its steps after the earlier run are what happened since).</param>
    public static CrossingMove? Compare(Snapshot previous, Snapshot current, RegularSeries? history)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        if (!Moved(previous, current))
        {
            return null;
        }

        var (cause, reason) = Explain(previous, current, history);
        return new CrossingMove(current.ComputedAt, previous.ComputedAt, previous.Kind, previous.Date, current.Kind, current.Date, cause, reason);
    }

    private static bool Moved(Snapshot previous, Snapshot current)
    {
        if (previous.Kind == CrossingKind.Expected && current.Kind == CrossingKind.Expected)
        {
            var left = previous.Date!.Value - previous.ComputedAt;
            var tolerance = TimeSpan.FromTicks(Math.Max(Smallest.Ticks, (long)(left.Ticks * Tolerance)));
            return (current.Date!.Value - previous.Date.Value).Duration() >= tolerance;
        }

        // A date that appears or vanishes is a move; a level passed is the date coming true, not a move; without
        // enough history on either side there is nothing to compare.
        return previous.Kind != current.Kind
            && (previous.Kind == CrossingKind.Expected || current.Kind == CrossingKind.Expected)
            && current.Kind != CrossingKind.AlreadyPast
            && previous.Kind != CrossingKind.InsufficientHistory && current.Kind != CrossingKind.InsufficientHistory;
    }

    private static (MoveCause, string) Explain(Snapshot previous, Snapshot current, RegularSeries? history)
    {
        if (Math.Abs(previous.Level - current.Level) > 1e-9 * Math.Max(1, Math.Abs(previous.Level)))
        {
            return (MoveCause.LevelChanged,
                $"its level was changed from {Show(previous.Level)} to {Show(current.Level)}");
        }

        var earlier = current.Date is { } now && previous.Date is { } before
            ? now < before
            : current.Kind == CrossingKind.Expected;
        if (Deviation(previous, history) is { } off)
        {
            var worse = previous.Direction == ThresholdDirection.AboveIsBad ? off.Relative > 0 : off.Relative < 0;
            if (Math.Abs(off.Relative) >= Surprise && worse == earlier)
            {
                var side = off.Relative > 0 ? "above" : "below";
                return (worse ? MoveCause.RanWorseThanForecast : MoveCause.RanBetterThanForecast,
                    $"in the {Durations.Show(off.Span)} since the previous run the values ran about {Show(100 * Math.Abs(off.Relative))} % {side} its forecast");
            }
        }

        if (previous.Kind != CrossingKind.Expected && current.Kind == CrossingKind.Expected)
        {
            return (MoveCause.TrendAppeared, "a trend towards the level became clear");
        }

        if (previous.Kind == CrossingKind.Expected && current.Kind == CrossingKind.NoTrend)
        {
            return (MoveCause.TrendFaded, "the trend is no longer clear enough to give a date");
        }

        if (previous.Model != current.Model)
        {
            return (MoveCause.MethodChanged, "a different forecasting method fitted the newer history better");
        }

        return (MoveCause.NewerData, "the newest hours of history changed the fitted trend");
    }

    // How far what happened since the previous run was from that run's forecast: the summed difference over the summed
    // forecast (positive: it ran higher), over the steps both have; null when none overlap.
    private static (double Relative, TimeSpan Span)? Deviation(Snapshot previous, RegularSeries? history)
    {
        if (history is null || previous.Points.Count == 0)
        {
            return null;
        }

        var forecast = new Dictionary<DateTimeOffset, double>(previous.Points.Count);
        foreach (var point in previous.Points)
        {
            forecast[point.Time] = point.Expected;
        }

        double difference = 0, total = 0;
        DateTimeOffset? first = null, last = null;
        for (var i = 0; i < history.Count; i++)
        {
            var time = history.TimeAt(i);
            if (time <= previous.ComputedAt - history.Step || double.IsNaN(history.Values[i]) || !forecast.TryGetValue(time, out var expected))
            {
                continue;
            }

            difference += history.Values[i] - expected;
            total += Math.Abs(expected);
            first ??= time;
            last = time;
        }

        return total > 0 ? (difference / total, last!.Value - first!.Value + history.Step) : null;
    }

    private static string Show(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
