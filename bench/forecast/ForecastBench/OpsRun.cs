using System.Globalization;
using System.Text;
using Dashboard.Domain.Forecasting;

namespace Dashboard.Bench.Forecast;

/// <summary>
/// The operations traces (issue 15): every method on every trace's three rolling origins, scored as the data set's
/// protocol says (sMAPE with 0/0 as 0, MASE against the lag-24 seasonal naive of that origin's training data, 95 %
/// interval coverage), side by side with R's <c>forecast::ets</c> and <c>forecast::thetaf</c>.
/// </summary>
internal static class OpsRun
{
    private const int Season = 24;
    private static readonly string[] BaselineNames = ["naive", "seasonal naive (m=24)", "R forecast::ets", "R forecast::thetaf"];

    /// <summary>Writes each origin's training values for <c>ops.R</c>: id,horizon,v1,v2,...</summary>
    public static int Prepare(string dataDirectory, string outCsv)
    {
        var traces = OpsTrace.LoadAll(dataDirectory, Console.Out);
        var text = new StringBuilder("id,horizon,values\n");
        foreach (var trace in traces)
        {
            foreach (var c in trace.Cases())
            {
                text.Append(CultureInfo.InvariantCulture, $"{c.Id},{trace.Horizon},");
                text.AppendJoin(',', c.Train.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
                text.Append('\n');
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outCsv))!);
        File.WriteAllText(outCsv, text.ToString());
        Console.WriteLine($"{traces.Count} traces, {traces.Count * OpsTrace.Origins} origins written to {outCsv}");
        return 0;
    }

    public static int Run(string dataDirectory, string rCsv, string outDirectory)
    {
        var traces = OpsTrace.LoadAll(dataDirectory, Console.Out);
        var cases = traces.SelectMany(t => t.Cases().Select(c => (Trace: t, Case: c))).ToList();
        Console.WriteLine($"Operations traces: {traces.Count} traces, {cases.Count} origins; hourly lengths {traces.Min(t => t.Hourly.Length)}-{traces.Max(t => t.Hourly.Length)}; horizons {string.Join("/", traces.Select(t => t.Horizon).Distinct())} h");
        var series = cases.Select(c => c.Case).ToList();
        var scales = series.Select(s => Metrics.SeasonalNaiveScale(s.Train, Season)).ToArray();
        var r = LoadR(rCsv);

        var results = new List<MethodResult>
        {
            AccuracyRun.Score(BaselineNames[0], series, scales, s => Baselines.Naive(s.Train, s.Test.Length)),
            AccuracyRun.Score(BaselineNames[1], series, scales, s => Baselines.SeasonalNaive(s.Train, s.Test.Length, Season)),
            AccuracyRun.Score(BaselineNames[2], series, scales, s => r[(s.Id, "ets")]),
            AccuracyRun.Score(BaselineNames[3], series, scales, s => r[(s.Id, "theta")]),
        };

        var forecaster = new Forecaster(ForecasterMethod.HourlySettings);
        results.Add(AccuracyRun.Score($"{ForecasterMethod.NamePrefix} (1 h fit, 95 % interval)", series, scales, s =>
        {
            var trace = cases.First(c => ReferenceEquals(c.Case, s)).Trace;
            return Ours(forecaster, trace.Start, s);
        }));

        Report(cases.Select(c => c.Case).ToList(), results);
        Write(cases.Select(c => c.Case).ToList(), results, outDirectory);
        return 0;
    }

    private static PointForecast Ours(Forecaster forecaster, DateTime start, M4Series s)
    {
        var step = TimeSpan.FromHours(1);
        var history = new RegularSeries(new DateTimeOffset(start, TimeSpan.Zero), step, s.Train);
        var horizon = s.Test.Length;
        var result = forecaster.Forecast(history, step * horizon);
        if (result.Status != ForecastStatus.Forecasted)
        {
            throw new InvalidOperationException($"{s.Id}: not forecasted: {result.Message}");
        }

        var mean = new double[horizon];
        var low = new double[horizon];
        var high = new double[horizon];
        foreach (var point in result.Points)
        {
            var h = (int)((point.Time - history.Start) / step) - s.Train.Length;
            if (h >= 0 && h < horizon)
            {
                (mean[h], low[h], high[h]) = (point.Expected, point.Low, point.High);
            }
        }

        var model = result.Model is { } m ? (m.SeasonLength > 0 ? $"{m.Kind} m={m.SeasonLength}" : m.Kind.ToString()) : "none";
        return new PointForecast(mean, low, high, model);
    }

    private static void Report(IReadOnlyList<M4Series> series, List<MethodResult> results)
    {
        var points = series.Sum(s => (double)s.Test.Length);
        Console.WriteLine();
        Console.WriteLine("| method | mean sMAPE | mean MASE | 95 % interval coverage | worst origin MASE |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var result in results)
        {
            var coverage = result.HasIntervals ? $"{100 * result.CoveredPoints / points:F1} %" : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Name} | {result.MeanSmape:F2} | {result.MeanMase:F3} | {coverage} | {result.Scores.Max(x => x.Mase):F2} |"));
        }

        var ours = results[^1];
        var baselines = results.Where(x => BaselineNames.Contains(x.Name)).ToList();
        var best = baselines.MinBy(x => x.MeanMase)!;
        var ratios = Enumerable.Range(0, series.Count)
            .Select(i => (series[i].Id, Ratio: ours.Scores[i].Mase / baselines.Min(b => b.Scores[i].Mase), Best: baselines.MinBy(b => b.Scores[i].Mase)!.Name))
            .OrderByDescending(x => x.Ratio)
            .ToList();
        var coverage95 = 100 * ours.CoveredPoints / points;

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Target 1a, mean MASE <= the best baseline's ({best.Name} {best.MeanMase:F3}): {ours.MeanMase:F3} => {(ours.MeanMase <= best.MeanMase ? "met" : "MISSED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Target 1b, no origin worse than 2x the best baseline's error there: worst {ratios[0].Ratio:F2}x ({ratios[0].Id}, best there {ratios[0].Best}); {ratios.Count(x => x.Ratio > 2)} of {ratios.Count} origins above 2x => {(ratios[0].Ratio <= 2 ? "met" : "MISSED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Target 1c, 95 % intervals cover 92-97 %: {coverage95:F1} % => {(coverage95 is >= 92 and <= 97 ? "met" : "MISSED")}"));

        Console.WriteLine();
        Console.WriteLine("| origin | Forecaster's model | Forecaster MASE | best baseline MASE (which) | ratio | Forecaster sMAPE |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (id, ratio, bestName) in ratios.Take(12))
        {
            var i = series.Select((s, k) => (s, k)).First(x => x.s.Id == id).k;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {id} | {ours.Scores[i].Model} | {ours.Scores[i].Mase:F2} | {baselines.Min(b => b.Scores[i].Mase):F2} ({bestName}) | {ratio:F2} | {ours.Scores[i].Smape:F1} |"));
        }
    }

    private static void Write(IReadOnlyList<M4Series> series, List<MethodResult> results, string outDirectory)
    {
        Directory.CreateDirectory(outDirectory);
        var points = series.Sum(s => (double)s.Test.Length);
        var summary = new StringBuilder("method,mean_smape,mean_mase,coverage95,worst_origin_mase\n");
        foreach (var result in results)
        {
            summary.Append(CultureInfo.InvariantCulture, $"\"{result.Name}\",{result.MeanSmape:F4},{result.MeanMase:F4},");
            summary.Append(result.HasIntervals ? (result.CoveredPoints / points).ToString("F4", CultureInfo.InvariantCulture) : "");
            summary.Append(CultureInfo.InvariantCulture, $",{result.Scores.Max(x => x.Mase):F4}\n");
        }

        File.WriteAllText(Path.Combine(outDirectory, "ops-traces-summary.csv"), summary.ToString());
        var perOrigin = new StringBuilder("origin,train_length,horizon");
        foreach (var result in results)
        {
            perOrigin.Append(CultureInfo.InvariantCulture, $",\"{result.Name} sMAPE\",\"{result.Name} MASE\"");
        }

        perOrigin.Append(",forecaster_model\n");
        for (var i = 0; i < series.Count; i++)
        {
            perOrigin.Append(CultureInfo.InvariantCulture, $"{series[i].Id},{series[i].Train.Length},{series[i].Test.Length}");
            foreach (var result in results)
            {
                perOrigin.Append(CultureInfo.InvariantCulture, $",{result.Scores[i].Smape:F3},{result.Scores[i].Mase:F4}");
            }

            perOrigin.Append(CultureInfo.InvariantCulture, $",\"{results[^1].Scores[i].Model}\"\n");
        }

        File.WriteAllText(Path.Combine(outDirectory, "ops-traces-per-origin.csv"), perOrigin.ToString());
        Console.WriteLine($"Wrote {Path.Combine(outDirectory, "ops-traces-summary.csv")} and ops-traces-per-origin.csv");
    }

    // ops.R's output: id,method,h,mean,lo95,hi95,model,seconds (R quotes strings).
    private static Dictionary<(string Id, string Method), PointForecast> LoadR(string path)
    {
        var rows = File.ReadLines(path).Skip(1)
            .Select(EtsForecasts.SplitQuoted)
            .GroupBy(c => (c[0], c[1]));
        var result = new Dictionary<(string, string), PointForecast>();
        foreach (var group in rows)
        {
            var ordered = group.OrderBy(c => int.Parse(c[2], CultureInfo.InvariantCulture)).ToList();
            double Parse(string s) => s == "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);
            result[group.Key] = new PointForecast(
                [.. ordered.Select(c => Parse(c[3]))], [.. ordered.Select(c => Parse(c[4]))], [.. ordered.Select(c => Parse(c[5]))], ordered[0][6]);
        }

        return result;
    }
}
