using Dashboard.Bench.Forecast;

// Verbs: `accuracy` (M4 Hourly against R's ets), `ops-prepare` and `ops` (the operations traces against R's ets and
// thetaf) and `speed` (10,000 synthetic 5-minute series).
// See ../README.md for the commands and the method.
var verb = args.Length > 0 ? args[0] : "";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

string Option(string name, string fallback) => options.TryGetValue(name, out var value) ? value : fallback;

return verb switch
{
    "accuracy" => AccuracyRun.Run(
        Option("data", "/work/shared/datasets/m4-hourly"),
        Option("ets", "ets-forecasts.csv"),
        Option("out", "results")),
    "ops-prepare" => OpsRun.Prepare(
        Option("data", "/work/shared/datasets/ops-traces"),
        Option("out", "ops-train.csv")),
    "ops" => OpsRun.Run(
        Option("data", "/work/shared/datasets/ops-traces"),
        Option("r", "ops-r-forecasts.csv"),
        Option("out", "results")),
    "speed" => SpeedRun.Run(
        int.Parse(Option("series", "10000"), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Option("days", "90"), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Option("horizon-days", "30"), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Option("seed", "20261129"), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Option("threads", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ForecastBench accuracy --data DIR --ets ETS_CSV [--out DIR]");
    Console.Error.WriteLine("       ForecastBench ops-prepare --data DIR --out TRAIN_CSV");
    Console.Error.WriteLine("       ForecastBench ops --data DIR --r R_CSV [--out DIR]");
    Console.Error.WriteLine("       ForecastBench speed [--series 10000] [--days 90] [--horizon-days 30] [--seed N] [--threads N]");
    return 2;
}
