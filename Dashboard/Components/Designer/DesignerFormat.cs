using Dashboard.Components.Shared;
using Dashboard.Services.Designer;
using MudBlazor;

namespace Dashboard.Components.Designer;

/// <summary>How a budget verdict and a latency speak (docs/ui.md): colour, icon and word together; stale values say "last".</summary>
public static class DesignerFormat
{
    public static Color Colour(BudgetVerdict verdict) => verdict switch
    {
        BudgetVerdict.Pass => Color.Success,
        BudgetVerdict.Fail => Color.Error,
        _ => Color.Dark,
    };

    public static string Icon(BudgetVerdict verdict) => verdict switch
    {
        BudgetVerdict.Pass => Icons.Material.Filled.CheckCircle,
        BudgetVerdict.Fail => Icons.Material.Filled.Error,
        BudgetVerdict.Stale => Icons.Material.Filled.HourglassDisabled,
        _ => Icons.Material.Filled.CloudOff,
    };

    public static string Word(BudgetVerdict verdict) => verdict switch
    {
        BudgetVerdict.Pass => "Pass",
        BudgetVerdict.Fail => "Fail",
        BudgetVerdict.Stale => "Stale",
        _ => "No data",
    };

    /// <summary>"180 ms", "last 180 ms" when stale, "no data" when absent (never 0).</summary>
    public static string Latency(double? ms, BudgetVerdict verdict) => ms is { } v && double.IsFinite(v)
        ? (verdict == BudgetVerdict.Stale ? "last " : "") + Humanize.Value(v, "ms")
        : "no data";

    /// <summary>The card title for a route: "/checkout: p99 1.3 s is over its 1 s budget", "all pages: within budget".</summary>
    public static string Headline(RouteLatency route) => route.Verdict switch
    {
        BudgetVerdict.Pass => $"{Capitalised(route.Route)}: within budget (p50 {Latency(route.P50Now, route.Verdict)}, p99 {Latency(route.P99Now, route.Verdict)})",
        BudgetVerdict.Fail => $"{Capitalised(route.Route)}: {route.Summary}",
        BudgetVerdict.Stale => $"{Capitalised(route.Route)}: latency stale",
        _ => $"{Capitalised(route.Route)}: no latency measured",
    };

    private static string Capitalised(string text) => text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
