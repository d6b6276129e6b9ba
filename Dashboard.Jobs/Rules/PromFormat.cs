using System.Globalization;

namespace Dashboard.Jobs.Rules;

/// <summary>Durations and numbers written as Prometheus reads them in rule files and PromQL.</summary>
public static class PromFormat
{
    private static readonly (TimeSpan Length, string Suffix)[] Units =
    [
        (TimeSpan.FromDays(1), "d"),
        (TimeSpan.FromHours(1), "h"),
        (TimeSpan.FromMinutes(1), "m"),
        (TimeSpan.FromSeconds(1), "s"),
        (TimeSpan.FromMilliseconds(1), "ms"),
    ];

    /// <summary>
    /// A positive duration in the largest unit that divides it (5m, 1h, 3d, 90m); throws when it is not a
    /// positive whole number of milliseconds, which Prometheus cannot express.
    /// </summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A Prometheus duration must be positive.");
        }
        foreach (var (length, suffix) in Units)
        {
            if (duration.Ticks % length.Ticks == 0)
            {
                return (duration.Ticks / length.Ticks).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(duration), duration, "A Prometheus duration is a whole number of milliseconds.");
    }

    /// <summary>A finite number, shortest round-trip form, invariant culture (99.9, 0.5, 10000).</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A threshold in a rule must be a finite number.");
        }
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A decimal without trailing zeros (0.999, 0.1).</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
