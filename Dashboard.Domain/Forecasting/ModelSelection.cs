namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Picks the model by a rolling-origin holdout. The last <c>min(2 × horizon, n / 4)</c> steps are held out; every
/// candidate is fitted once to the steps before them and forecasts the horizon from each origin in the holdout
/// (the first origin with the states of the fit, later ones with the states re-run through the held-out steps
/// before them, parameters unchanged). The smallest mean error wins — sMAPE for a series whose values are all
/// positive, mean absolute error otherwise (sMAPE explodes near zero) — is refitted to the whole history
/// (warm-started from its holdout fit) and forecasts the horizon. The reported accuracy is the winner's error at
/// origins before the holdout (its score on the holdout would flatter it: it won there).
/// </summary>
internal static class ModelSelection
{
    /// <summary>The chosen model's forecast and the evidence around it.</summary>
    public sealed record Outcome(FittedModel Model, double[] Mean, double[] StandardDeviation, ForecastAccuracy? Accuracy, TrendAnalysis.Judgement Trend)
    {
        /// <summary>The lag, in steps, of the simple guess the accuracy's skill is measured against (1 = the last value).</summary>
        public int ReferenceLag { get; init; } = 1;

        /// <summary>The length of each backtest window, in steps.</summary>
        public int WindowSteps { get; init; }
    }

    private readonly record struct Candidate(ForecastModelKind Kind, EtsForm Form);

    public static Outcome Run(ReadOnlySpan<double> values, IReadOnlyList<int> periods, int steps, ForecastSettings settings)
    {
        var seasons = SeasonalityDetector.Detect(values, periods);
        var trend = TrendAnalysis.Judge(values, seasons.Select(s => s.Period), steps, settings.TrendSignificance, settings.TrendNoiseRatio);

        var holdout = Math.Min(2 * steps, values.Length / 4);
        var horizon = Math.Min(steps, holdout);
        var relative = AllPositive(values);

        // The window keeps at least three of the longest season, so a seasonal form always has two to start from.
        var windowSteps = settings.MaxFitSteps;
        foreach (var (m, _) in seasons)
        {
            windowSteps = Math.Max(windowSteps, 3 * m);
        }

        FittedModel? best = null;
        var bestCandidate = default(Candidate);
        var bestError = double.PositiveInfinity;
        if (holdout >= 1)
        {
            var train = values[..^holdout];
            var selectionOrigins = SelectionOrigins(values.Length, holdout, horizon);
            var window = Window(train, windowSteps);
            foreach (var candidate in Candidates(seasons, settings.Models))
            {
                var fitted = Fit(candidate, window, settings.MaxOptimizerEvaluations, default);
                if (fitted is null)
                {
                    continue;
                }

                var error = OriginErrors(fitted, values, values.Length - holdout, horizon, selectionOrigins).Mean(relative);
                if (error < bestError)
                {
                    bestError = error;
                    best = fitted;
                    bestCandidate = candidate;
                }
            }
        }

        FittedModel final;
        ForecastAccuracy? accuracy = null;
        var referenceLag = 1;
        if (best is null)
        {
            // Too short to hold anything out: the line, or failing that the last value.
            final = (FittedModel?)LinearModel.Fit(values) ?? NaiveModel.Fit(values)!;
        }
        else
        {
            var warm = best is ExponentialSmoothingModel ets ? ets.SearchPoint : default;
            var window = Window(values, windowSteps);
            final = Fit(bestCandidate, window, Math.Max(20, settings.MaxOptimizerEvaluations / 2), warm) ?? best.Refilter(window) ?? best;
            var origins = AccuracyOrigins(values.Length, holdout, horizon, settings.BacktestOrigins);
            referenceLag = seasons.Count > 0 ? seasons.Min(s => s.Period) : 1;
            accuracy = OriginErrors(best, values, values.Length - holdout, horizon, origins).ToAccuracy(values, best.SeasonLength);
            if (accuracy is not null)
            {
                // In plain words (issue 15): how far off the model was on those windows, beside the simple guess that
                // repeats the same time one season earlier (or the last value) on the same windows.
                var all = values.ToArray();
                var fittedAt = values.Length - holdout;
                var lag = referenceLag;
                var (model, reference) = OffBy(all, origins, horizon,
                    origin => ModelForecast(best, all, fittedAt, origin, horizon),
                    origin => [.. Enumerable.Range(0, horizon).Select(h => origin - lag + (h % lag) >= 0 ? all[origin - lag + (h % lag)] : double.NaN)]);
                accuracy = accuracy with { OffByPercent = model, ReferenceOffByPercent = reference };
            }
        }

        var forecastMean = new double[steps];
        var forecastSd = new double[steps];
        final.Forecast(forecastMean, forecastSd);
        return new Outcome(final, forecastMean, forecastSd, accuracy, trend) { ReferenceLag = referenceLag, WindowSteps = horizon };
    }

    private static List<Candidate> Candidates(IReadOnlyList<(int Period, double Autocorrelation)> seasons, IReadOnlyList<ForecastModelKind> allowed)
    {
        var list = new List<Candidate>
        {
            new(ForecastModelKind.Naive, default),
            new(ForecastModelKind.Linear, default),
            new(ForecastModelKind.SimpleExponentialSmoothing, new EtsForm(EtsTrend.None, EtsSeason.None, 1)),
            new(ForecastModelKind.Holt, new EtsForm(EtsTrend.Additive, EtsSeason.None, 1)),
            new(ForecastModelKind.DampedHolt, new EtsForm(EtsTrend.Damped, EtsSeason.None, 1)),
        };

        // Per real season: seasonal naive, the average of the last four seasons (decision 040), Holt-Winters without and with a trend (additive season), and a multiplicative
        // season without a trend. Damped and multiplicative-with-trend seasonal forms cost a fourth parameter each and
        // did not win often enough on M4 Hourly to pay for it (docs/decisions/009-forecasting-models.md).
        foreach (var (m, _) in seasons)
        {
            list.Add(new(ForecastModelKind.SeasonalNaive, new EtsForm(EtsTrend.None, EtsSeason.None, m)));
            list.Add(new(ForecastModelKind.SeasonalAverage, new EtsForm(EtsTrend.None, EtsSeason.None, m)));
            list.Add(new(ForecastModelKind.HoltWintersAdditive, new EtsForm(EtsTrend.None, EtsSeason.Additive, m)));
            list.Add(new(ForecastModelKind.HoltWintersAdditive, new EtsForm(EtsTrend.Additive, EtsSeason.Additive, m)));
            list.Add(new(ForecastModelKind.HoltWintersMultiplicative, new EtsForm(EtsTrend.None, EtsSeason.Multiplicative, m)));
        }

        list.RemoveAll(c => !allowed.Contains(c.Kind));
        return list;
    }

    private static FittedModel? Fit(Candidate candidate, ReadOnlySpan<double> values, int maxEvaluations, ReadOnlySpan<double> warmStart) => candidate.Kind switch
    {
        ForecastModelKind.Naive => NaiveModel.Fit(values),
        ForecastModelKind.SeasonalNaive => SeasonalNaiveModel.Fit(values, candidate.Form.Period),
        ForecastModelKind.SeasonalAverage => SeasonalAverageModel.Fit(values, candidate.Form.Period),
        ForecastModelKind.Linear => LinearModel.Fit(values),
        _ => ExponentialSmoothingModel.Fit(values, candidate.Form, maxEvaluations, warmStart),
    };

    // The most recent steps the parameters are fitted to.
    private static ReadOnlySpan<double> Window(ReadOnlySpan<double> values, int maxSteps) =>
        values.Length > maxSteps ? values[^maxSteps..] : values;

    /// <summary>Errors of <paramref name="model"/> forecasting <paramref name="horizon"/> steps from each of
    /// <paramref name="origins"/>: from the origin it was fitted at with its own states, from any other origin with its
    /// states re-run over the steps before that origin (parameters unchanged).</summary>
    private static Errors OriginErrors(FittedModel model, ReadOnlySpan<double> values, int fittedAt, int horizon, List<int> origins)
    {
        var errors = default(Errors);
        var mean = new double[horizon];
        var sd = new double[horizon];
        foreach (var origin in origins)
        {
            var refitted = origin == fittedAt ? model : model.Refilter(values[..origin]);
            if (refitted is null)
            {
                continue;
            }

            refitted.Forecast(mean, sd);
            errors.Add(values.Slice(origin, horizon), mean);
        }

        return errors;
    }

    /// <summary>The model's forecast from <paramref name="origin"/>, as <see cref="OriginErrors"/> makes it.</summary>
    private static double[] ModelForecast(FittedModel model, double[] values, int fittedAt, int origin, int horizon)
    {
        var mean = new double[horizon];
        var sd = new double[horizon];
        var refitted = origin == fittedAt ? model : model.Refilter(values.AsSpan(0, origin));
        if (refitted is null)
        {
            Array.Fill(mean, double.NaN);
            return mean;
        }

        refitted.Forecast(mean, sd);
        return mean;
    }

    /// <summary>
    /// For the model and for the simple guess: the sum of absolute errors over the sum of absolute actual values on the
    /// windows after <paramref name="origins"/>, in percent, over the same points (observed, and forecast by both); null
    /// when no such point was observed or every one was zero.
    /// </summary>
    private static (double? Model, double? Reference) OffBy(
        double[] values, List<int> origins, int horizon, Func<int, double[]> modelFrom, Func<int, double[]> referenceFrom)
    {
        double modelErrors = 0;
        double referenceErrors = 0;
        double actuals = 0;
        foreach (var origin in origins)
        {
            var model = modelFrom(origin);
            var reference = referenceFrom(origin);
            for (var h = 0; h < horizon && origin + h < values.Length; h++)
            {
                var actual = values[origin + h];
                if (double.IsNaN(actual) || !double.IsFinite(model[h]) || !double.IsFinite(reference[h]))
                {
                    continue;
                }

                modelErrors += Math.Abs(actual - model[h]);
                referenceErrors += Math.Abs(actual - reference[h]);
                actuals += Math.Abs(actual);
            }
        }

        return actuals > 0 ? (100 * modelErrors / actuals, 100 * referenceErrors / actuals) : (null, null);
    }

    // Origins inside the holdout, one horizon apart: what the candidates are compared on.
    private static List<int> SelectionOrigins(int length, int holdout, int horizon)
    {
        var origins = new List<int>();
        for (var origin = length - holdout; origin + horizon <= length; origin += horizon)
        {
            origins.Add(origin);
        }

        return origins;
    }

    // Origins before the holdout, going back one horizon at a time: the winner's score there is not inflated by having
    // won on it. Only when there is no room for one are the selection origins reused.
    private static List<int> AccuracyOrigins(int length, int holdout, int horizon, int count)
    {
        var origins = new List<int>();
        for (var origin = length - holdout - horizon; origins.Count < count && origin >= Math.Max(horizon, 2); origin -= horizon)
        {
            origins.Add(origin);
        }

        return origins.Count > 0 ? origins : SelectionOrigins(length, holdout, horizon);
    }

    private static bool AllPositive(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (v <= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Accumulated forecast errors over origins.</summary>
    private struct Errors
    {
        private double smape;
        private double absolute;
        private double squared;
        private int count;
        private int origins;

        public void Add(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
        {
            var added = 0;
            for (var i = 0; i < actual.Length; i++)
            {
                if (double.IsNaN(actual[i]))
                {
                    continue;
                }

                var error = actual[i] - forecast[i];
                var denominator = Math.Abs(actual[i]) + Math.Abs(forecast[i]);

                // Both zero is a perfect forecast: it counts as 0 %.
                smape += denominator > 0 ? 200 * Math.Abs(error) / denominator : 0;
                absolute += Math.Abs(error);
                squared += error * error;
                added++;
            }

            count += added;
            origins += added > 0 ? 1 : 0;
        }

        public readonly double Mean(bool relative)
        {
            var mean = (relative ? smape : absolute) / count;
            return count == 0 || !double.IsFinite(mean) ? double.PositiveInfinity : mean;
        }

        public readonly ForecastAccuracy? ToAccuracy(ReadOnlySpan<double> values, int seasonLength)
        {
            if (count == 0)
            {
                return null;
            }

            var scale = FittedModel.MeanAbsoluteLagDifference(values, Math.Max(1, seasonLength));
            return new ForecastAccuracy(smape / count, scale > 0 ? absolute / count / scale : double.NaN, Math.Sqrt(squared / count), origins);
        }
    }
}
