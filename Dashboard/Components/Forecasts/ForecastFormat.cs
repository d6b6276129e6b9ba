using System.Globalization;
using Dashboard.Components.Shared;
using Dashboard.Services.Forecasts;

namespace Dashboard.Components.Forecasts;

/// <summary>Forecast answers in words (docs/ui.md: a range in tables, "not enough history" instead of a guess).</summary>
public static class ForecastFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"Mar 10 – Mar 21", "already crossed", "no trend", "not within 90 days", or the history message.</summary>
    public static string Range(CrossingView? crossing, ForecastSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (!summary.IsForecasted)
        {
            return summary.Message;
        }
        return crossing?.Kind switch
        {
            null => "no threshold",
            "AlreadyPast" => "already crossed",
            "NoTrend" => "no trend",
            "NotWithinHorizon" => $"not before {Day(summary.ForecastUntil)}",
            "InsufficientHistory" => summary.Message,
            "Expected" => ExpectedRange(crossing),
            _ => crossing.Kind,
        };
    }

    // "Mar 10 – Mar 21"; one day when both edges fall on it ("Feb 12", not "Feb 12 – Feb 12").
    private static string ExpectedRange(CrossingView crossing)
    {
        var first = Day(crossing.Earliest ?? crossing.Expected);
        if (crossing.Latest is not { } latest)
        {
            return $"{first} – beyond horizon";
        }

        var last = Day(latest);
        return first == last ? first : $"{first} – {last}";
    }

    /// <summary>"in 12 days", "in 3 hours", "now", or empty.</summary>
    public static string When(CrossingView? crossing)
    {
        if (crossing?.DaysUntil is not { } days)
        {
            return "";
        }
        return crossing.Kind == "AlreadyPast" ? "now"
            : days < 1 ? $"in {Math.Max(1, Math.Round(days * 24)):0} h"
            : $"in {Math.Round(days):0} days";
    }

    /// <summary>"moved 2 days earlier at the Dec 6 14:00 run", or empty when no run has moved the date (the
    /// sentence with the reason is <see cref="MoveView.Sentence"/>).</summary>
    public static string Moved(CrossingView? crossing) =>
        crossing?.Move is { } move
            ? $"{(move.ShiftDays is null ? move.Direction : $"moved {move.Direction}")} at the {Humanize.At(move.At)} run"
            : "";

    /// <summary>↑ rising, ↓ falling, → no trend.</summary>
    public static string Arrow(string trend) => trend switch
    {
        "Rising" => "↑",
        "Falling" => "↓",
        _ => "→",
    };

    /// <summary>"Holt-Winters (additive, daily season)".</summary>
    public static string Model(ForecastSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var season = summary.SeasonLength switch
        {
            0 => "",
            24 => ", daily season",
            168 => ", weekly season",
            var n => $", season {n} steps",
        };
        if (summary.Model == "SeasonalAverage")
        {
            return summary.SeasonLength switch
            {
                24 => "Average of the last 4 days at the same hour",
                168 => "Average of the last 4 weeks at the same hour",
                var n => $"Average of the last 4 seasons ({n} steps each)",
            };
        }

        var name = summary.Model switch
        {
            null => "—",
            "HoltWintersAdditive" => "Holt-Winters (additive",
            "HoltWintersMultiplicative" => "Holt-Winters (multiplicative",
            "DampedHolt" => "Holt, damped trend (",
            "SimpleExponentialSmoothing" => "Exponential smoothing (",
            "SeasonalNaive" => "Seasonal naive (",
            "Linear" => "Linear trend (",
            var other => other + " (",
        };
        if (summary.Model is null)
        {
            return name;
        }
        var inner = season.TrimStart(',', ' ');
        return name.EndsWith('(') ? (inner.Length == 0 ? name[..^2] : name + inner + ")") : name + season + ")";
    }

    private static string Day(DateTimeOffset? at) => at is { } t ? t.ToLocalTime().ToString("MMM d", Culture) : "?";
}
