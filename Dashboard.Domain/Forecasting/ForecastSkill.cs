using System.Globalization;

namespace Dashboard.Domain.Forecasting;

/// <summary>
/// A forecast's track record in plain words (issue 15): how far off it was on this series' own past, beside the simple
/// guess on the same windows. One sentence for the PM page, the API and the report alike.
/// </summary>
public static class ForecastSkill
{
    /// <summary>
    /// "Checked on 2 past 2-day stretches of this series: off by about 6 %; repeating the previous day was off by about 9 %."
    /// Null when the backtest measured no percentage (no backtest, or every value there was zero).
    /// </summary>
    public static string? Describe(ForecastAccuracy? accuracy)
    {
        if (accuracy?.OffByPercent is not { } offBy || !double.IsFinite(offBy))
        {
            return null;
        }

        var stretches = accuracy.Window > TimeSpan.Zero
            ? $"{accuracy.Origins} past {Stretch(accuracy.Window)} stretch{(accuracy.Origins == 1 ? "" : "es")}"
            : $"{accuracy.Origins} past stretch{(accuracy.Origins == 1 ? "" : "es")}";
        var sentence = $"Checked on {stretches} of this series: {OffBy(offBy)}";
        if (accuracy.ReferenceOffByPercent is { } reference && double.IsFinite(reference))
        {
            sentence += $"; repeating {Guess(accuracy.Reference)} was {OffBy(reference)}";
        }

        return sentence + ".";
    }

    /// <summary>The short form for a table cell: "off by about 6 %; repeating the previous day: 9 %"; null like <see cref="Describe"/>.</summary>
    public static string? Brief(ForecastAccuracy? accuracy)
    {
        if (accuracy?.OffByPercent is not { } offBy || !double.IsFinite(offBy))
        {
            return null;
        }

        var brief = OffBy(offBy);
        return accuracy.ReferenceOffByPercent is { } reference && double.IsFinite(reference)
            ? $"{brief}; repeating {Guess(accuracy.Reference)}: {Percent(reference)}"
            : brief;
    }

    /// <summary>"off by about 6 %", or "off by under 0.1 %".</summary>
    public static string OffBy(double percent) =>
        Percent(percent) is var words && words.StartsWith("under", StringComparison.Ordinal) ? $"off by {words}" : $"off by about {words}";

    /// <summary>"the previous day" and the like: the simple guess by name.</summary>
    public static string Guess(SkillReference reference) => reference switch
    {
        SkillReference.PreviousDay => "the previous day",
        SkillReference.PreviousWeek => "the previous week",
        SkillReference.PreviousSeason => "the previous season",
        _ => "the last value",
    };

    /// <summary>A percentage as people say it: whole percents from 1 % up, one decimal below ("6 %", "37 %", "0.4 %"),
    /// "under 0.1 %" for a small error that would round to zero (zero stays "0 %").</summary>
    public static string Percent(double value)
    {
        if (value is > 0 and < 0.05)
        {
            return "under 0.1 %";
        }

        var rounded = Math.Abs(value) >= 1 ? Math.Round(value, MidpointRounding.AwayFromZero) : Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{rounded:0.#} %");
    }

    // "2-day", "12-hour": a duration as an adjective.
    private static string Stretch(TimeSpan window)
    {
        var words = Durations.Show(window);
        var space = words.IndexOf(' ', StringComparison.Ordinal);
        var unit = words[(space + 1)..].TrimEnd('s');
        return $"{words[..space]}-{unit}";
    }
}
