using Dashboard.Domain.Forecasting;

namespace Dashboard.Bench.Forecast;

/// <summary>The Dashboard Forecaster on M4 Hourly (filled in once the models branch is merged).</summary>
internal static class ForecasterMethod
{
    public const string NamePrefix = "Dashboard Forecaster";

    public static string Describe() => "Forecaster not merged yet";

    public static string Fit(RegularSeries series, TimeSpan horizon) => series.Count > 0 && horizon > TimeSpan.Zero ? "not merged" : "empty";

    public static IEnumerable<MethodResult> Score(IReadOnlyList<M4Series> series, double[] scales) => [];

    public static void Breakdown(IReadOnlyList<M4Series> series, MethodResult forecaster, MethodResult ets, MethodResult seasonalNaive)
    {
    }
}
