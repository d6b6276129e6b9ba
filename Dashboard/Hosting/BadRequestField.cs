using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dashboard.Hosting;

/// <summary>The field a request the API could not read is about, for the problem+json's errors (field -> messages).</summary>
internal static partial class BadRequestField
{
    /// <summary>"prometheus.url" for a body whose $.prometheus.url did not convert, "historyDays" for a bad query value, else "body".</summary>
    public static string Of(BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        if (bad.InnerException is JsonException { Path: { Length: > 1 } path })
        {
            return path.TrimStart('$').TrimStart('.');
        }
        if (bad.Message.Contains("request body", StringComparison.Ordinal))
        {
            return "body";
        }
        return Parameter().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : "body";
    }

    /// <summary>What could not be read, without the value (it may be a secret).</summary>
    public static string Reason(BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        return bad.InnerException is JsonException json
            ? $"{(json.Path is { Length: > 1 } ? Of(bad) : "The body")} could not be read as JSON of the expected shape{(json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine})" : "")}."
            : bad.Message;
    }

    // Minimal APIs word it: Failed to bind parameter "int historyDays" from "abc". / Required parameter "string metricId" was not provided ...
    [GeneratedRegex("parameter \"[^\"]*?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex Parameter();
}
