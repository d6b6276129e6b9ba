namespace Dashboard.Domain.Forecasting;

/// <summary>
/// Picks the model: every candidate is fitted to the history minus a holdout at its end (one horizon, at most a
/// quarter of the history) and forecasts the holdout; the smallest mean absolute error wins, is refitted to the
/// whole history (warm-started from the holdout fit) and forecasts the horizon. The holdout fit is also what the
/// rolling-origin backtest measures, so the reported accuracy never saw the points it is scored on at the first origin.
/// </summary>
internal static class ModelSelection
{
    /// <summary>The chosen model's forecast and the evidence around it.</summary>
    public sealed record Outcome(FittedModel Model, double[] Mean, double[] StandardDeviation, ForecastAccuracy? Accuracy, TrendAnalysis.Judgement Trend);

    private readonly record struct Candidate(ForecastModelKind Kind, EtsForm Form);

    public static Outcome Run(ReadOnlySpan<double> values, IReadOnlyList<int> periods, int steps, ForecastSettings settings)
    {
        var seasons = SeasonalityDetector.Detect(values, periods);
        var trend = TrendAnalysis.Judge(values, seasons.Count > 0 ? seasons[0].Period : 0, steps, settings.TrendSignificance, settings.TrendNoiseRatio);
        var candidates = Candidates(seasons);

        var holdout = Math.Min(steps, values.Length / 4);
        FittedModel? best = null;
        Candidate bestCandidate = default;
        var bestError = double.PositiveInfinity;
        if (holdout >= 1)
        {
            var train = values[..^holdout];
            var test = values[^holdout..];
            var mean = new double[holdout];
            var sd = new double[holdout];
            foreach (var candidate in candidates)
            {
                var fitted = Fit(candidate, train, settings.MaxOptimizerEvaluations, default);
                if (fitted is null)
                {
                    continue;
                }

                fitted.Forecast(mean, sd);
                var error = MeanAbsoluteError(test, mean);
                if (error < bestError)
                {
                    bestError = error;
                    best = fitted;
                    bestCandidate = candidate;
                }
            }
        }

        FittedModel final;
        if (best is null)
        {
            // Too short to hold anything out: the line, or the last value.
            final = (FittedModel?)LinearModel.Fit(values) ?? NaiveModel.Fit(values)!;
        }
        else
        {
            var warm = best is ExponentialSmoothingModel ets ? ets.SearchPoint : default;
            final = Fit(bestCandidate, values, Math.Max(20, settings.MaxOptimizerEvaluations / 2), warm) ?? best.Refilter(values) ?? best;
        }

        var forecastMean = new double[steps];
        var forecastSd = new double[steps];
        final.Forecast(forecastMean, forecastSd);
        var accuracy = best is null ? null : Backtest(best, values, holdout, settings.BacktestOrigins);
        return new Outcome(final, forecastMean, forecastSd, accuracy, trend);
    }

    private static List<Candidate> Candidates(IReadOnlyList<(int Period, double Autocorrelation)> seasons)
    {
        var list = new List<Candidate>
        {
            new(ForecastModelKind.Naive, default),
            new(ForecastModelKind.Linear, default),
            new(ForecastModelKind.SimpleExponentialSmoothing, new EtsForm(EtsTrend.None, EtsSeason.None, 1)),
            new(ForecastModelKind.Holt, new EtsForm(EtsTrend.Additive, EtsSeason.None, 1)),
            new(ForecastModelKind.DampedHolt, new EtsForm(EtsTrend.Damped, EtsSeason.None, 1)),
        };
        foreach (var (m, _) in seasons)
        {
            list.Add(new(ForecastModelKind.SeasonalNaive, new EtsForm(EtsTrend.None, EtsSeason.None, m)));
            list.Add(new(ForecastModelKind.HoltWintersAdditive, new EtsForm(EtsTrend.None, EtsSeason.Additive, m)));
            list.Add(new(ForecastModelKind.HoltWintersAdditive, new EtsForm(EtsTrend.Damped, EtsSeason.Additive, m)));
            list.Add(new(ForecastModelKind.HoltWintersMultiplicative, new EtsForm(EtsTrend.None, EtsSeason.Multiplicative, m)));
            list.Add(new(ForecastModelKind.HoltWintersMultiplicative, new EtsForm(EtsTrend.Damped, EtsSeason.Multiplicative, m)));
        }

        return list;
    }

    private static FittedModel? Fit(Candidate candidate, ReadOnlySpan<double> values, int maxEvaluations, ReadOnlySpan<double> warmStart) => candidate.Kind switch
    {
        ForecastModelKind.Naive => NaiveModel.Fit(values),
        ForecastModelKind.SeasonalNaive => SeasonalNaiveModel.Fit(values, candidate.Form.Period),
        ForecastModelKind.Linear => LinearModel.Fit(values),
        _ => ExponentialSmoothingModel.Fit(values, candidate.Form, maxEvaluations, warmStart),
    };

    private static ForecastAccuracy? Backtest(FittedModel model, ReadOnlySpan<double> values, int horizon, int origins)
    {
        double smapeSum = 0, absSum = 0, squareSum = 0;
        var count = 0;
        var used = 0;
        var mean = new double[horizon];
        var sd = new double[horizon];
        for (var k = 1; k <= origins; k++)
        {
            var origin = values.Length - (k * horizon);
            var refitted = k == 1 ? model : origin > 0 ? model.Refilter(values[..origin]) : null;
            if (refitted is null)
            {
                break;
            }

            refitted.Forecast(mean, sd);
            for (var h = 0; h < horizon; h++)
            {
                var actual = values[origin + h];
                if (double.IsNaN(actual))
                {
                    continue;
                }

                var error = actual - mean[h];
                absSum += Math.Abs(error);
                squareSum += error * error;
                count++;
                // Both zero is a perfect forecast: it counts as 0 %.
                var denominator = Math.Abs(actual) + Math.Abs(mean[h]);
                smapeSum += denominator > 0 ? 200 * Math.Abs(error) / denominator : 0;
            }

            used++;
        }

        if (count == 0)
        {
            return null;
        }

        var scale = NaiveScale(values, model.SeasonLength > 0 ? model.SeasonLength : 1);
        return new ForecastAccuracy(
            smapeSum / count,
            scale > 0 ? absSum / count / scale : double.NaN,
            Math.Sqrt(squareSum / count),
            used);
    }

    // Mean absolute (seasonal) naive one-step error in sample: the MASE denominator.
    private static double NaiveScale(ReadOnlySpan<double> values, int lag)
    {
        double sum = 0;
        var n = 0;
        for (var t = lag; t < values.Length; t++)
        {
            var d = values[t] - values[t - lag];
            if (!double.IsNaN(d))
            {
                sum += Math.Abs(d);
                n++;
            }
        }

        return n == 0 ? 0 : sum / n;
    }

    private static double MeanAbsoluteError(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!double.IsNaN(actual[i]))
            {
                sum += Math.Abs(actual[i] - forecast[i]);
                n++;
            }
        }

        return n == 0 || !double.IsFinite(sum) ? double.PositiveInfinity : sum / n;
    }
}
