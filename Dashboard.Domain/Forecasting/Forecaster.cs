using Dashboard.Domain.Values;

namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Fits a forecast to a metric's history: naive, seasonal naive, a least-squares line and the exponential
/// smoothing family (simple, Holt, damped Holt, Holt-Winters additive and multiplicative on the daily and weekly
/// seasons the history really has) compete on a holdout at the end of the history; the winner is refitted to all
/// of it and forecasts the horizon with a prediction interval. Too little history gets an honest
/// "needs at least …" instead of a guess. Thread-safe: it holds only its settings.
/// </summary>
/// <param name="settings">How much history is needed, the fit resolution, interval level and trend rule.</param>
public sealed class Forecaster(ForecastSettings settings)
{
    private readonly ForecastSettings settings = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The settings in use.</summary>
    public ForecastSettings Settings => settings;

    /// <summary>The longest horizon <see cref="Forecast"/> accepts for <paramref name="history"/>.</summary>
    /// <param name="history">The history that would be forecast.</param>
    public TimeSpan MaximumHorizon(RegularSeries history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (series, first, last) = Prepare(history);
        return Used(series, first, last) * settings.MaxHorizonToHistoryRatio;
    }

    /// <summary>Forecasts <paramref name="horizon"/> past the last observation of <paramref name="history"/>.</summary>
    /// <param name="history">The metric's history; finer steps than the fit resolution are averaged first, gaps are NaN.</param>
    /// <param name="horizon">How far ahead, positive and at most the history span × <see cref="ForecastSettings.MaxHorizonToHistoryRatio"/>.</param>
    /// <returns>The forecast, or an <see cref="ForecastStatus.InsufficientHistory"/> answer that says what is missing.</returns>
    /// <exception cref="DomainValidationException">The horizon is not positive, or is too long for the history.</exception>
    public ForecastResult Forecast(RegularSeries history, TimeSpan horizon)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (horizon <= TimeSpan.Zero)
        {
            throw new DomainValidationException($"Forecast horizon must be greater than zero, but was {horizon}.");
        }

        var (series, first, last) = Prepare(history);
        var used = Used(series, first, last);
        var observed = 0;
        for (var i = Math.Max(first, 0); i <= last; i++)
        {
            observed += double.IsNaN(series.Span[i]) ? 0 : 1;
        }

        if (used < settings.MinimumHistory)
        {
            return Insufficient(
                $"needs at least {Durations.Show(settings.MinimumHistory)} of history, has {Durations.Show(used)}", used);
        }

        if (observed < settings.MinimumPoints)
        {
            return Insufficient(
                $"needs at least {settings.MinimumPoints} observed points at {Durations.Show(series.Step)} resolution, has {observed}", used);
        }

        var maximum = used * settings.MaxHorizonToHistoryRatio;
        if (horizon > maximum)
        {
            throw new DomainValidationException(
                $"Forecast horizon {Durations.Show(horizon)} is too long for {Durations.Show(used)} of history: at most {Guard.Show(settings.MaxHorizonToHistoryRatio)} × the history ({Durations.Show(maximum)}).");
        }

        var steps = (int)Math.Ceiling(horizon.Ticks / (double)series.Step.Ticks);
        // One bad hour (a spike, a dropout to zero) must not move a capacity date: isolated outliers are set aside
        // before the models see the history (decision 039).
        var cleaned = SpikeFilter.Clean(series.Span[first..(last + 1)], Periods(series.Step, last - first + 1));
        var values = cleaned.Values.AsSpan();
        var outcome = ModelSelection.Run(values, Periods(series.Step, values.Length), steps, settings);
        var setAside = cleaned.Replaced.Select(i => series.TimeAt(first + i)).ToArray();

        var z = NormalDistribution.Quantile(0.5 + (settings.IntervalLevel / 2));
        var points = new ForecastPoint[steps];
        for (var h = 0; h < steps; h++)
        {
            var spread = z * outcome.StandardDeviation[h];
            var mean = outcome.Mean[h];
            points[h] = new ForecastPoint(series.TimeAt(last + 1 + h), mean, mean - spread, mean + spread);
        }

        var accuracy = outcome.Accuracy is { } measured
            ? measured with { Reference = ReferenceOf(series.Step * outcome.ReferenceLag, series.Step), Window = series.Step * outcome.WindowSteps }
            : null;
        var model = outcome.Model.Describe();
        var message = $"{Describe(model)} fitted to {Durations.Show(used)} of history";
        if (accuracy is not null)
        {
            message += $"; backtest error {accuracy.Smape:0.#} % sMAPE over {accuracy.Origins} origin{(accuracy.Origins == 1 ? string.Empty : "s")}";
        }

        if (setAside.Length > 0)
        {
            message += $"; {setAside.Length} isolated spike{(setAside.Length == 1 ? string.Empty : "s")} set aside";
        }

        return new ForecastResult(
            ForecastStatus.Forecasted, message, used, settings.MinimumHistory, model, points, settings.IntervalLevel, accuracy, outcome.Trend.Verdict)
        {
            SpikesSetAside = setAside,
        };
    }

    private (RegularSeries Series, int First, int Last) Prepare(RegularSeries history)
    {
        var series = history.Step < settings.FitResolution ? history.Downsample(settings.FitResolution) : history;
        var span = series.Span;
        var first = 0;
        while (first < span.Length && double.IsNaN(span[first]))
        {
            first++;
        }

        var last = span.Length - 1;
        while (last >= first && double.IsNaN(span[last]))
        {
            last--;
        }

        return (series, first, last);
    }

    private static TimeSpan Used(RegularSeries series, int first, int last) =>
        last < first ? TimeSpan.Zero : series.Step * (last - first + 1);

    private List<int> Periods(TimeSpan step, int length)
    {
        var periods = new List<int>();
        foreach (var period in settings.SeasonalPeriods)
        {
            if (period.Ticks % step.Ticks != 0)
            {
                continue;
            }

            var m = period.Ticks / step.Ticks;
            if (m >= 2 && m * settings.MinimumSeasons <= length && !periods.Contains((int)m))
            {
                periods.Add((int)m);
            }
        }

        return periods;
    }

    private ForecastResult Insufficient(string message, TimeSpan used) =>
        new(ForecastStatus.InsufficientHistory, message, used, settings.MinimumHistory, null, [], settings.IntervalLevel, null, TrendVerdict.NoTrend);

    private SkillReference ReferenceOf(TimeSpan lag, TimeSpan step) =>
        lag == step ? SkillReference.LastValue
        : lag == TimeSpan.FromDays(1) ? SkillReference.PreviousDay
        : lag == TimeSpan.FromDays(7) ? SkillReference.PreviousWeek
        : SkillReference.PreviousSeason;

    private static string Describe(ForecastModel model) => model.Kind switch
    {
        ForecastModelKind.Naive => "Naive (last value)",
        ForecastModelKind.SeasonalNaive => $"Seasonal naive ({model.SeasonLength}-step season)",
        ForecastModelKind.SeasonalAverage => $"Seasonal average (the last {SeasonalAverageModel.Seasons} {model.SeasonLength}-step seasons)",
        ForecastModelKind.Linear => "Linear trend",
        ForecastModelKind.SimpleExponentialSmoothing => "Simple exponential smoothing",
        ForecastModelKind.Holt => "Holt's linear trend",
        ForecastModelKind.DampedHolt => "Damped Holt",
        ForecastModelKind.HoltWintersAdditive => $"Holt-Winters additive ({model.SeasonLength}-step season)",
        ForecastModelKind.HoltWintersMultiplicative => $"Holt-Winters multiplicative ({model.SeasonLength}-step season)",
        _ => model.Kind.ToString(),
    };
}
