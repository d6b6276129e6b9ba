using System.Text;
using Dashboard.Domain.Values;

namespace Dashboard.Domain.Series;

/// <summary>
/// The labels that name one series' entity (a host, a database, a route), in one canonical form:
/// sorted by name (ordinal), without <c>__name__</c>, written <c>a="x",b="y"</c> with <c>\</c> and
/// <c>"</c> escaped as Prometheus writes them. Every source, the store, the hub, the API and the
/// pages format and parse entities only through this type, so one series has one spelling.
/// The empty set is a series without labels (an aggregate such as <c>sum(...)</c>).
/// </summary>
public sealed class LabelSet : IEquatable<LabelSet>
{
    private readonly KeyValuePair<string, string>[] labels;

    private LabelSet(KeyValuePair<string, string>[] sorted, string text)
    {
        labels = sorted;
        Text = text;
    }

    /// <summary>No labels.</summary>
    public static LabelSet Empty { get; } = new([], "");

    /// <summary>The labels in canonical order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels => labels;

    /// <summary>The canonical text, e.g. <c>instance="db1:9187",job="postgres"</c>; empty for no labels.</summary>
    public string Text { get; }

    /// <summary>Whether the set has no labels.</summary>
    public bool IsEmpty => labels.Length == 0;

    /// <summary>The value of <paramref name="name"/>, or null.</summary>
    /// <param name="name">A label name.</param>
    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in labels)
            {
                if (key == name)
                {
                    return value;
                }
            }
            return null;
        }
    }

    /// <summary>The canonical set of <paramref name="source"/>: <c>__name__</c> dropped, names sorted.
    /// Throws <see cref="DomainValidationException"/> for an empty label name or the same name twice.</summary>
    /// <param name="source">Labels in any order.</param>
    public static LabelSet Of(IEnumerable<KeyValuePair<string, string>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var sorted = source.Where(l => l.Key != "__name__").OrderBy(l => l.Key, StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Length; i++)
        {
            var (name, value) = sorted[i];
            if (string.IsNullOrEmpty(name))
            {
                throw new DomainValidationException("A label name must not be empty.");
            }
            if (i > 0 && sorted[i - 1].Key == name)
            {
                throw new DomainValidationException($"The label '{name}' appears twice in one label set.");
            }
            if (i > 0)
            {
                text.Append(',');
            }
            text.Append(name).Append("=\"").Append((value ?? "").Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
        }
        return new LabelSet(sorted, text.ToString());
    }

    /// <summary>The set from name/value pairs.</summary>
    /// <param name="pairs">(name, value) pairs in any order.</param>
    public static LabelSet Of(params (string Name, string Value)[] pairs) =>
        Of(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    /// <summary>Reads canonical (or any-order) text back; false when it is not <c>a="x",b="y"</c> text.</summary>
    /// <param name="text">Entity text as stored.</param>
    /// <param name="set">The labels when the text parses.</param>
    public static bool TryParse(string? text, out LabelSet set)
    {
        set = Empty;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        var pairs = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf("=\"", i, StringComparison.Ordinal);
            if (eq <= i)
            {
                return false;
            }
            var name = text[i..eq];
            if (name.Contains(',') || name.Contains('"'))
            {
                return false;
            }
            var value = new StringBuilder();
            var j = eq + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\' && j + 1 < text.Length)
                {
                    j++;
                }
                value.Append(text[j]);
            }
            if (j >= text.Length)
            {
                return false;
            }
            pairs.Add(new(name, value.ToString()));
            i = j + 1;
            if (i < text.Length)
            {
                if (text[i] != ',')
                {
                    return false;
                }
                i++;
            }
        }
        if (pairs.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() != pairs.Count)
        {
            return false;
        }
        set = Of(pairs);
        return true;
    }

    /// <summary>Reads entity text; throws <see cref="DomainValidationException"/> naming the text when it does not parse.</summary>
    /// <param name="text">Entity text as stored.</param>
    public static LabelSet Parse(string? text) =>
        TryParse(text, out var set) ? set : throw new DomainValidationException($"'{text}' is not a label set (expected name=\"value\",name=\"value\").");

    /// <summary>The same set without the named labels.</summary>
    /// <param name="names">Labels to drop.</param>
    public LabelSet Without(params string[] names) => Of(labels.Where(l => !names.Contains(l.Key)));

    /// <inheritdoc/>
    public bool Equals(LabelSet? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
