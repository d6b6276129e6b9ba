using System.Text.RegularExpressions;

namespace Dashboard.Tests.Resources.Presets;

/// <summary>
/// The metric names a PromQL expression reads, found the rough way a test can afford: strings, label matchers,
/// range windows and label lists (by, on, ...) removed, then every identifier that is not a function call or a keyword.
/// </summary>
internal static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan",
    };

    public static IReadOnlySet<string> Of(string promql)
    {
        var text = Strings().Replace(promql, " ");
        text = Matchers().Replace(text, " ");
        text = Windows().Replace(text, " ");
        text = LabelLists().Replace(text, " ");
        return Identifiers().Matches(text)
            .Where(m => !Keywords.Contains(m.Groups["name"].Value) && !m.Groups["call"].Success)
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Windows();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex LabelLists();

    [GeneratedRegex(@"(?<![\w.])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifiers();
}
