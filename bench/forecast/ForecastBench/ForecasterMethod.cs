using System.Globalization;
using Dashboard.Domain.Forecasting;

namespace Dashboard.Bench.Forecast;

/// <summary>The Dashboard <see cref="Forecaster"/> as a method in both runs.</summary>
internal static class ForecasterMethod
{
    public const string NamePrefix = "Dashboard Forecaster";

    private static readonly DateTimeOffset M4Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The settings for M4 Hourly: the defaults, with the fit resolution at the data's own hour and a
    /// minimum history every series meets (the shortest has 700 hours, 29 days).</summary>
    public static ForecastSettings HourlySettings { get; } = ForecastSettings.Default with
    {
        FitResolution = TimeSpan.FromHours(1),
        MinimumHistory = TimeSpan.FromDays(7),
    };

    private static readonly Forecaster SpeedForecaster = new(ForecastSettings.Default);

    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"ForecastSettings.Default (fit resolution {ForecastSettings.Default.FitResolution}, minimum history {ForecastSettings.Default.MinimumHistory})");

    /// <summary>Fits one series with the default settings; returns "status / model" for the report.</summary>
    public static string Fit(RegularSeries series, TimeSpan horizon) => Outcome(SpeedForecaster.Forecast(series, horizon));

    public static IEnumerable<MethodResult> Score(IReadOnlyList<M4Series> series, double[] scales)
    {
        var forecaster = new Forecaster(HourlySettings);
        var step = TimeSpan.FromHours(1);
        var horizon = step * AccuracyRun.Horizon;
        var fallbacks = 0;

        // Warm-up on a few series so the per-series time is not mostly JIT.
        foreach (var s in series.Take(5))
        {
            forecaster.Forecast(new RegularSeries(M4Start, step, s.Train), horizon);
        }

        var result = AccuracyRun.Score($"{NamePrefix} (1 h fit, 95 % interval)", series, scales, s =>
        {
            // M4 gives no timestamps; every series starts on a Monday at midnight (the Forecaster finds its
            // seasons from the data, not the calendar).
            var history = new RegularSeries(M4Start, step, s.Train);
            var forecast = forecaster.Forecast(history, horizon);
            if (forecast.Status != ForecastStatus.Forecasted)
            {
                fallbacks++;
                var fallback = Baselines.SeasonalNaive(s.Train, AccuracyRun.Horizon, AccuracyRun.Season);
                return fallback with { Model = "not forecasted: " + forecast.Message };
            }

            var mean = new double[AccuracyRun.Horizon];
            var low = new double[AccuracyRun.Horizon];
            var high = new double[AccuracyRun.Horizon];
            Array.Fill(mean, double.NaN);
            foreach (var point in forecast.Points)
            {
                var h = (int)((point.Time - history.Start) / step) - s.Train.Length;
                if (h >= 0 && h < AccuracyRun.Horizon)
                {
                    (mean[h], low[h], high[h]) = (point.Expected, point.Low, point.High);
                }
            }

            if (mean.Any(double.IsNaN))
            {
                throw new InvalidOperationException($"{s.Id}: the forecast does not cover all {AccuracyRun.Horizon} test steps.");
            }

            return new PointForecast(mean, low, high, ModelName(forecast.Model));
        });

        if (fallbacks > 0)
        {
            Console.WriteLine($"{NamePrefix}: {fallbacks} series not forecasted; scored with seasonal naive and no interval coverage.");
        }

        yield return result;
    }

    /// <summary>Where the Forecaster wins and loses against R's ets: by the model it chose and by series length.</summary>
    public static void Breakdown(IReadOnlyList<M4Series> series, MethodResult forecaster, MethodResult ets, MethodResult seasonalNaive)
    {
        var rows = Enumerable.Range(0, series.Count).Select(i => (
            Series: series[i],
            Model: forecaster.Scores[i].Model ?? "?",
            Ours: forecaster.Scores[i],
            Ets: ets.Scores[i],
            SeasonalNaive: seasonalNaive.Scores[i])).ToList();
        var wins = rows.Count(r => r.Ours.Smape < r.Ets.Smape);
        Console.WriteLine($"Per series: Forecaster sMAPE below ets on {wins} of {rows.Count}, below seasonal naive on {rows.Count(r => r.Ours.Smape < r.SeasonalNaive.Smape)}.");

        Console.WriteLine();
        Console.WriteLine("| Forecaster's model | series | Forecaster sMAPE | ets sMAPE | seasonal naive sMAPE | Forecaster MASE | ets MASE | Forecaster 95 % coverage |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Model).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Count()} | {group.Average(r => r.Ours.Smape):F2} | {group.Average(r => r.Ets.Smape):F2} | {group.Average(r => r.SeasonalNaive.Smape):F2} | {group.Average(r => r.Ours.Mase):F3} | {group.Average(r => r.Ets.Mase):F3} | {100.0 * group.Sum(r => r.Ours.Covered) / (group.Count() * AccuracyRun.Horizon):F1} % |"));
        }

        Console.WriteLine();
        Console.WriteLine("| training length | series | Forecaster sMAPE | ets sMAPE | seasonal naive sMAPE |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Series.Train.Length).OrderBy(g => g.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Count()} | {group.Average(r => r.Ours.Smape):F2} | {group.Average(r => r.Ets.Smape):F2} | {group.Average(r => r.SeasonalNaive.Smape):F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Largest losses to ets (sMAPE points):");
        foreach (var r in rows.OrderByDescending(r => r.Ours.Smape - r.Ets.Smape).Take(10))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Series.Id} (n={r.Series.Train.Length}): Forecaster {r.Ours.Smape:F2} [{r.Model}], ets {r.Ets.Smape:F2} [{r.Ets.Model}], seasonal naive {r.SeasonalNaive.Smape:F2}"));
        }

        Console.WriteLine($"Sum of sMAPE lost to ets on series where ets is better: {rows.Where(r => r.Ours.Smape > r.Ets.Smape).Sum(r => r.Ours.Smape - r.Ets.Smape) / rows.Count:F2} points of the mean; won back where the Forecaster is better: {rows.Where(r => r.Ours.Smape < r.Ets.Smape).Sum(r => r.Ets.Smape - r.Ours.Smape) / rows.Count:F2}.");
    }

    private static string Outcome(ForecastResult result) =>
        result.Status == ForecastStatus.Forecasted ? ModelName(result.Model) : result.Status.ToString();

    private static string ModelName(ForecastModel? model) =>
        model is null ? "none" : model.SeasonLength > 0 ? $"{model.Kind} m={model.SeasonLength}" : model.Kind.ToString();
}
