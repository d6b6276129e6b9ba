using System.Text.RegularExpressions;

namespace Dashboard.Domain.Catalog;

/// <summary>
/// The entity label of a resource: one Prometheus label name (<c>instance</c>), or several separated by commas
/// (<c>namespace, pod</c>) where one alone does not name an entity (a pod name repeats across namespaces). The
/// text goes verbatim into PromQL's <c>on (...)</c> and <c>by (...)</c>, which take such a list.
/// </summary>
public static partial class EntityLabels
{
    /// <summary>Whether <paramref name="text"/> is one label name or a comma-separated list of them.</summary>
    /// <param name="text">The entity label as written.</param>
    public static bool IsValid(string text) => List().IsMatch(text);

    /// <summary>The label names of <paramref name="text"/>, in order, without blanks.</summary>
    /// <param name="text">The entity label as written.</param>
    public static IReadOnlyList<string> Names(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The entity one series names (its values of the labels, joined by "/"), or null when it lacks one of them.</summary>
    /// <param name="labels">The series' labels.</param>
    /// <param name="text">The entity label as written.</param>
    public static string? ValueOf(IReadOnlyDictionary<string, string> labels, string text)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var values = new List<string>();
        foreach (var name in Names(text))
        {
            if (!labels.TryGetValue(name, out var value))
            {
                return null;
            }
            values.Add(value);
        }
        return string.Join("/", values);
    }

    [GeneratedRegex(@"^[a-zA-Z_][a-zA-Z0-9_]*(\s*,\s*[a-zA-Z_][a-zA-Z0-9_]*)*$")]
    private static partial Regex List();
}
