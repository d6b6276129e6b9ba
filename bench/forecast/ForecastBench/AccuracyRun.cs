using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Dashboard.Bench.Forecast;

/// <summary>M4 Hourly: every method on every series, scored with M4's sMAPE and MASE, side by side with
/// R's <c>forecast::ets</c>.</summary>
internal static class AccuracyRun
{
    public const int Horizon = 48;
    public const int Season = 24;
    private const string Ets = "R forecast::ets";
    private const string SeasonalNaive = "seasonal naive (m=24)";

    public static int Run(string dataDirectory, string etsCsv, string outDirectory)
    {
        var series = M4Series.Load(dataDirectory, "Hourly");
        Console.WriteLine($"M4 Hourly: {series.Count} series, {series.Min(s => s.Train.Length)}-{series.Max(s => s.Train.Length)} training points, horizon {Horizon}, season {Season}");
        if (series.Any(s => s.Test.Length != Horizon))
        {
            throw new InvalidDataException($"Every test row should hold {Horizon} values.");
        }

        var scales = series.Select(s => Metrics.SeasonalNaiveScale(s.Train, Season)).ToArray();
        var results = new List<MethodResult>
        {
            Score("naive", series, scales, s => Baselines.Naive(s.Train, Horizon)),
            Score(SeasonalNaive, series, scales, s => Baselines.SeasonalNaive(s.Train, Horizon, Season)),
            Score("Naive2 (M4)", series, scales, s => Baselines.Naive2(s.Train, Horizon, Season)),
            Score("linear, last 7 days (predict_linear)", series, scales, s => Baselines.Linear(s.Train, Horizon, 7 * 24, TimeSpan.FromHours(1))),
        };

        if (etsCsv == "none")
        {
            // A quick look while changing the Forecaster: R's ets takes 26-64 min here, so it is left out.
            results.AddRange(ForecasterMethod.Score(series, scales));
            var points = (double)series.Count * Horizon;
            foreach (var r in results)
            {
                var coverage = r.HasIntervals ? $"{100 * r.CoveredPoints / points:F1} %" : "-";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.MeanSmape:F2} | {r.MeanMase:F3} | {coverage} | {1000 * r.Seconds / series.Count:F1} ms/series |"));
            }

            // Where the Forecaster's error comes from, by the model it chose: each group's share of the mean sMAPE.
            var ours = results[^1];
            foreach (var group in ours.Scores.GroupBy(x => x.Model ?? "?").OrderByDescending(g => g.Sum(x => x.Smape)))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {group.Key}: {group.Count()} series, sMAPE {group.Average(x => x.Smape):F2}, MASE {group.Average(x => x.Mase):F3}, share of the mean {group.Sum(x => x.Smape) / series.Count:F2}"));
            }

            return 0;
        }

        var ets = EtsForecasts.Load(etsCsv, Horizon);
        var missing = series.Where(s => !ets.ContainsKey(s.Id)).Select(s => s.Id).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{etsCsv} has no forecast for {missing.Count} series (first {missing[0]}).");
        }

        var etsResult = Score(Ets, series, scales, s => ets[s.Id].Forecast);
        etsResult.Seconds = series.Sum(s => ets[s.Id].Seconds);
        results.Add(etsResult);

        results.AddRange(ForecasterMethod.Score(series, scales));

        Report(series, results);
        Write(series, results, outDirectory);
        return 0;
    }

    public static MethodResult Score(string name, IReadOnlyList<M4Series> series, double[] scales, Func<M4Series, PointForecast> method)
    {
        var result = new MethodResult(name, series.Count);
        var clock = Stopwatch.StartNew();
        var forecasts = series.Select(method).ToArray();
        result.Seconds = clock.Elapsed.TotalSeconds;
        for (var i = 0; i < series.Count; i++)
        {
            result.Scores[i] = ScoreOne(series[i], scales[i], forecasts[i]);
        }

        return result;
    }

    public static MethodScore ScoreOne(M4Series series, double scale, PointForecast forecast)
    {
        var actual = series.Test;
        var smape = Metrics.Smape(actual, forecast.Mean);
        var mase = Metrics.Mase(actual, forecast.Mean, scale);
        if (forecast.Low is null || forecast.High is null)
        {
            return new MethodScore(smape, mase, 0, double.NaN, forecast.Model);
        }

        return new MethodScore(smape, mase, Metrics.Covered(actual, forecast.Low, forecast.High),
            Metrics.Msis(actual, forecast.Low, forecast.High, 0.05, scale), forecast.Model);
    }

    private static void Report(IReadOnlyList<M4Series> series, List<MethodResult> results)
    {
        var ets = results.Single(r => r.Name == Ets);
        var seasonalNaive = results.Single(r => r.Name == SeasonalNaive);
        var points = (double)series.Count * Horizon;

        Console.WriteLine();
        Console.WriteLine("| method | mean sMAPE | mean MASE | sMAPE / ets | MASE / ets | 95 % interval coverage | MSIS | ms/series |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var coverage = r.HasIntervals ? $"{100 * r.CoveredPoints / points:F1} %" : "-";
            var msis = r.HasIntervals ? $"{r.MeanMsis:F2}" : "-";
            var ms = 1000 * r.Seconds / series.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.MeanSmape:F2} | {r.MeanMase:F3} | {r.MeanSmape / ets.MeanSmape:F3} | {r.MeanMase / ets.MeanMase:F3} | {coverage} | {msis} | {ms:F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Published M4 Hourly sMAPE (context; M4 used R forecast 8.2 and its own Naive2): Naive2 18.38, sNaive 13.91, ETS 17.31, Theta 18.14, ES-RNN 9.33.");
        Console.WriteLine($"R ets here: forecast package per ets.R; sum of per-series fit times {ets.Seconds:F0} s.");

        foreach (var forecaster in results.Where(r => r.Name.StartsWith(ForecasterMethod.NamePrefix, StringComparison.Ordinal)))
        {
            var withinEts = forecaster.MeanSmape <= 1.05 * ets.MeanSmape;
            var beatsSeasonalNaive = forecaster.MeanSmape < seasonalNaive.MeanSmape;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Target for {forecaster.Name}: sMAPE {forecaster.MeanSmape:F2} <= 1.05 x ets ({1.05 * ets.MeanSmape:F2}): {(withinEts ? "met" : "MISSED")}; < seasonal naive ({seasonalNaive.MeanSmape:F2}): {(beatsSeasonalNaive ? "met" : "MISSED")} => {(withinEts && beatsSeasonalNaive ? "TARGET MET" : "TARGET MISSED")}"));
            ForecasterMethod.Breakdown(series, forecaster, ets, seasonalNaive);
        }
    }

    private static void Write(IReadOnlyList<M4Series> series, List<MethodResult> results, string outDirectory)
    {
        Directory.CreateDirectory(outDirectory);
        var ets = results.Single(r => r.Name == Ets);
        var points = (double)series.Count * Horizon;
        var summary = new StringBuilder("method,mean_smape,mean_mase,smape_vs_ets,mase_vs_ets,coverage95,msis,ms_per_series\n");
        foreach (var r in results)
        {
            summary.Append(CultureInfo.InvariantCulture,
                $"\"{r.Name}\",{r.MeanSmape:F4},{r.MeanMase:F4},{r.MeanSmape / ets.MeanSmape:F4},{r.MeanMase / ets.MeanMase:F4},");
            summary.Append(r.HasIntervals ? (r.CoveredPoints / points).ToString("F4", CultureInfo.InvariantCulture) : "");
            summary.Append(',');
            summary.Append(r.HasIntervals ? r.MeanMsis.ToString("F4", CultureInfo.InvariantCulture) : "");
            summary.Append(CultureInfo.InvariantCulture, $",{1000 * r.Seconds / series.Count:F3}\n");
        }

        File.WriteAllText(Path.Combine(outDirectory, "m4-hourly-summary.csv"), summary.ToString());

        var perSeries = new StringBuilder("id,train_length");
        foreach (var r in results)
        {
            var key = Key(r.Name);
            perSeries.Append(CultureInfo.InvariantCulture, $",{key}_smape,{key}_mase");
            if (r.Scores.Any(s => s.Model is not null))
            {
                perSeries.Append(CultureInfo.InvariantCulture, $",{key}_model");
            }
        }

        perSeries.Append('\n');
        for (var i = 0; i < series.Count; i++)
        {
            perSeries.Append(CultureInfo.InvariantCulture, $"{series[i].Id},{series[i].Train.Length}");
            foreach (var r in results)
            {
                var s = r.Scores[i];
                perSeries.Append(CultureInfo.InvariantCulture, $",{s.Smape:F3},{s.Mase:F4}");
                if (r.Scores.Any(x => x.Model is not null))
                {
                    perSeries.Append(CultureInfo.InvariantCulture, $",\"{s.Model}\"");
                }
            }

            perSeries.Append('\n');
        }

        File.WriteAllText(Path.Combine(outDirectory, "m4-hourly-per-series.csv"), perSeries.ToString());
        Console.WriteLine();
        Console.WriteLine($"Wrote {Path.Combine(outDirectory, "m4-hourly-summary.csv")} and m4-hourly-per-series.csv");
    }

    private static string Key(string name)
    {
        var key = new StringBuilder();
        foreach (var c in name.TakeWhile(c => c != ',' && c != '('))
        {
            key.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return key.ToString().Trim('_').Replace("r_forecast__ets", "ets", StringComparison.Ordinal);
    }
}
