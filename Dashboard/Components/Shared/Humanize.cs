using System.Globalization;

namespace Dashboard.Components.Shared;

/// <summary>
/// Numbers as people read them (docs/ui.md): a unit on every value, money without false precision,
/// durations in words, times absolute plus relative.
/// </summary>
public static class Humanize
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Value(double value, string unit) => unit switch
    {
        "%" => Percent(value),
        "ms" when value >= 1000 => $"{(value / 1000).ToString("#,0.##", Culture)} s",
        "ms" => $"{value.ToString("#,0", Culture)} ms",
        "s" when value >= 60 => Duration(TimeSpan.FromSeconds(value)),
        "s" => $"{value.ToString("#,0.#", Culture)} s",
        "count" => value.ToString("#,0.##", Culture),
        "bytes" => Bytes(value),
        "/s" => $"{value.ToString("#,0.##", Culture)}/s",
        _ => $"{Trim(value)} {unit}",
    };

    /// <summary>
    /// The one percentage format: one decimal at most ("87.9 %", "58 %"); two near 100, where 99.9 and 99.95 are
    /// different promises ("99.41 %"); three from 99.99 up ("99.995 %"). Never rounds up to a 100 that was not reached.
    /// </summary>
    public static string Percent(double value)
    {
        var format = value >= 99.99 ? "#,0.###" : value >= 99 ? "#,0.##" : "#,0.#";
        var text = value.ToString(format, Culture);
        return value < 100 && text == "100" ? "99.999 %" : $"{text} %";
    }

    /// <summary>A count with thousands separators: "2,400".</summary>
    public static string Count(double value) => value.ToString("#,0", Culture);

    /// <summary>A point in time as people read it on this page: local, 24-hour, "Dec 7 21:12".</summary>
    public static string At(DateTimeOffset? at) => at is { } t ? t.ToLocalTime().ToString("MMM d HH:mm", Culture) : "an unknown time";

    /// <summary>Bytes with binary prefixes: "512 B", "3.2 GiB".</summary>
    public static string Bytes(double value)
    {
        string[] prefixes = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        var scaled = Math.Abs(value);
        var i = 0;
        while (scaled >= 1024 && i < prefixes.Length - 1)
        {
            scaled /= 1024;
            i++;
        }
        return $"{(Math.Sign(value) * scaled).ToString(i == 0 ? "#,0" : "#,0.#", Culture)} {prefixes[i]}";
    }

    public static string Money(decimal usd, string suffix = "") => Math.Abs(usd) switch
    {
        >= 1_000_000_000m => $"${(usd / 1_000_000_000m).ToString("0.#", Culture)}B{suffix}",
        >= 1_000_000m => $"${(usd / 1_000_000m).ToString("0.#", Culture)}M{suffix}",
        >= 10_000m => $"${(usd / 1_000m).ToString("0.#", Culture)}K{suffix}",
        _ => $"${usd.ToString("#,0", Culture)}{suffix}",
    };

    public static string Duration(TimeSpan span) => span.Duration() switch
    {
        var d when d < TimeSpan.FromMinutes(1) => $"{d.TotalSeconds:0} s",
        var d when d < TimeSpan.FromHours(1) => $"{d.TotalMinutes:0.#} min",
        var d when d < TimeSpan.FromDays(2) => $"{d.TotalHours:0.#} h",
        var d => $"{d.TotalDays:0} days",
    };

    /// <summary>"14:05 (32 s ago)", or "never".</summary>
    public static string Moment(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } t)
        {
            return "never";
        }
        var local = t.ToLocalTime();
        var clock = now - t < TimeSpan.FromDays(1) ? local.ToString("HH:mm:ss", Culture) : At(t);
        var delta = now - t;
        return delta >= TimeSpan.Zero ? $"{clock} ({Duration(delta)} ago)" : $"{clock} (in {Duration(delta)})";
    }

    private static string Trim(double value) => value.ToString("#,0.###", Culture);
}
