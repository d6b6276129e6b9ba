using System.Globalization;

namespace Dashboard.Components.Engineer;

/// <summary>Database figures as people read them: bytes in binary units, counts with separators, ratios as percentages.</summary>
public static class DbFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>"1.5 GiB"; negative sizes keep their sign.</summary>
    public static string Bytes(double bytes)
    {
        var size = Math.Abs(bytes);
        var unit = 0;
        while (size >= 1024 && unit < Units.Length - 1)
        {
            size /= 1024;
            unit++;
        }
        var sign = bytes < 0 ? "-" : "";
        return unit == 0 ? $"{sign}{size.ToString("#,0", Culture)} B" : $"{sign}{size.ToString(size >= 100 ? "#,0" : "0.#", Culture)} {Units[unit]}";
    }

    /// <summary>"+12 MiB" / "-3 KiB" / "no change".</summary>
    public static string SignedBytes(long bytes) => bytes == 0 ? "no change" : (bytes > 0 ? "+" : "") + Bytes(bytes);

    /// <summary>"1,234,567".</summary>
    public static string Count(long count) => count.ToString("#,0", Culture);

    /// <summary>"12.3M" / "4,567": short counts for headlines.</summary>
    public static string ShortCount(long count) => Math.Abs(count) switch
    {
        >= 1_000_000_000 => (count / 1e9).ToString("0.#", Culture) + "B",
        >= 1_000_000 => (count / 1e6).ToString("0.#", Culture) + "M",
        >= 10_000 => (count / 1e3).ToString("0.#", Culture) + "K",
        _ => count.ToString("#,0", Culture),
    };

    /// <summary>A 0-1 ratio as "99.73 %": two decimals, because 99 % and 99.9 % are very different cache hit ratios.</summary>
    public static string Ratio(double? ratio) => ratio is { } r ? (r * 100).ToString("0.##", Culture) + " %" : "unknown";

    /// <summary>A 0-100 percentage as "12.5 %".</summary>
    public static string Percent(double percent) => percent switch
    {
        _ when !double.IsFinite(percent) => "unknown",
        > 0 and < 0.1 => "< 0.1 %",
        _ => percent.ToString("0.#", Culture) + " %",
    };

    /// <summary>Milliseconds as "850 ms" or "1.24 s" (or "3.2 min").</summary>
    public static string Millis(double ms) => ms switch
    {
        >= 60_000 => (ms / 60_000).ToString("0.#", Culture) + " min",
        >= 1_000 => (ms / 1_000).ToString("0.##", Culture) + " s",
        >= 10 => ms.ToString("#,0", Culture) + " ms",
        _ => ms.ToString("0.##", Culture) + " ms",
    };

    /// <summary>A rate as "12.5 rows/s" (or "12.5/s" without a noun).</summary>
    public static string PerSecond(double? perSecond, string what = "") =>
        perSecond is { } r ? r.ToString(r >= 100 ? "#,0" : "0.##", Culture) + (what.Length > 0 ? $" {what}/s" : "/s") : "unknown";

    /// <summary>A speed-up range as "2-4x" ("same" for 1-1).</summary>
    public static string Gain(double min, double max) =>
        min == 1 && max == 1 ? "same" : min == max ? $"{min.ToString("0.#", Culture)}x" : $"{min.ToString("0.#", Culture)}-{max.ToString("0.#", Culture)}x";
}
