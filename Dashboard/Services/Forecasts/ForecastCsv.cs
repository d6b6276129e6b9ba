using System.Globalization;
using System.Text;
using Dashboard.Domain.Forecasting;

namespace Dashboard.Services.Forecasts;

/// <summary>CSV in and out of the PM view: uploads of "timestamp,value" and the ranked forecast table export.</summary>
public static class ForecastCsv
{
    /// <summary>The largest upload read (5 MB).</summary>
    public const long MaxUploadBytes = 5 * 1024 * 1024;

    /// <summary>
    /// Reads "timestamp,value" lines; the timestamp is Unix seconds or ISO 8601, an optional first
    /// line of column names is skipped. Errors name the line and what is wrong with it.
    /// </summary>
    public static (List<TimedValue>? Samples, string? Error) Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var samples = new List<TimedValue>();
        var lineNumber = 0;
        var seenFirstLine = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = line.Split(',');
            if (fields.Length != 2)
            {
                return (null, $"Line {lineNumber}: expected 2 fields \"timestamp,value\", found {fields.Length}.");
            }
            var (timeText, valueText) = (fields[0].Trim().Trim('"'), fields[1].Trim().Trim('"'));
            var isNumber = double.TryParse(timeText, NumberStyles.Float, CultureInfo.InvariantCulture, out var unix);
            if (!seenFirstLine)
            {
                seenFirstLine = true;
                if (!isNumber && !DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                {
                    continue; // column names
                }
            }
            long ms;
            if (isNumber && double.IsFinite(unix))
            {
                ms = (long)Math.Round(unix * 1000);
            }
            else if (DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                ms = at.ToUnixTimeMilliseconds();
            }
            else
            {
                return (null, $"Line {lineNumber}: \"{Clip(timeText)}\" is not a Unix time in seconds or an ISO 8601 timestamp.");
            }
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return (null, $"Line {lineNumber}: \"{Clip(valueText)}\" is not a number.");
            }
            samples.Add(new TimedValue(ms, value));
            if (samples.Count > AdhocForecastService.MaxPoints)
            {
                return (null, $"The file has more than {AdhocForecastService.MaxPoints} points.");
            }
        }
        return samples.Count == 0 ? (null, "The file has no data lines (expected \"timestamp,value\" per line).") : (samples, null);
    }

    /// <summary>The ranked table as CSV (dates in ISO 8601 UTC, numbers invariant).</summary>
    public static string Export(IEnumerable<ForecastSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var csv = new StringBuilder();
        csv.AppendLine("metric,name,entity,unit,last_fit_point,status,trend,model,smape_percent,warning_level,warning_expected,warning_earliest,warning_latest,critical_level,critical_expected,critical_earliest,critical_latest,computed_at,message");
        foreach (var s in summaries)
        {
            csv.AppendJoin(',',
                Quote(s.Metric), Quote(s.Name), Quote(s.Entity), Quote(s.Unit), Number(s.LastFitPoint), s.Status, s.Trend, s.Model ?? "",
                Number(s.Smape), Number(s.Warning?.Level), Date(s.Warning?.Expected, s.Warning), Date(s.Warning?.Earliest, null), Date(s.Warning?.Latest, null),
                Number(s.Critical?.Level), Date(s.Critical?.Expected, s.Critical), Date(s.Critical?.Earliest, null), Date(s.Critical?.Latest, null),
                s.ComputedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), Quote(s.Message));
            csv.AppendLine();
        }
        return csv.ToString();
    }

    private static string Date(DateTimeOffset? at, CrossingView? crossing) =>
        at is { } t ? t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : crossing?.Kind == "AlreadyPast" ? "already past" : "";

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text)
    {
        // Formula injection guard for spreadsheets, then RFC 4180 quoting.
        var safe = text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
