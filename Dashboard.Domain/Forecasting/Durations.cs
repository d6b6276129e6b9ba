using System.Globalization;

namespace Dashboard.Domain.Forecasting;

/// <summary>Durations for sentences: "7 days", "2.5 days", "12 hours", "1 hour", "30 minutes".</summary>
internal static class Durations
{
    public static string Show(TimeSpan duration)
    {
        if (duration.TotalDays >= 1)
        {
            return Count(duration.TotalDays, "day");
        }

        if (duration.TotalHours >= 1)
        {
            return Count(duration.TotalHours, "hour");
        }

        return duration.TotalMinutes >= 1 ? Count(duration.TotalMinutes, "minute") : Count(duration.TotalSeconds, "second");
    }

    private static string Count(double amount, string unit)
    {
        var rounded = Math.Round(amount, 1);
        var text = rounded.ToString("0.#", CultureInfo.InvariantCulture);
        return rounded == 1 ? $"{text} {unit}" : $"{text} {unit}s";
    }
}
