using Dashboard.Domain.Values;

namespace Dashboard.Domain.Series;

/// <summary>
/// One series' identity: a metric id (a catalog metric such as <c>cpu</c>, or a stored source
/// series) and the canonical labels of its entity. Formatted as Prometheus writes a series,
/// <c>cpu{instance="db1"}</c> (or just <c>cpu</c> without labels), and parsed back from that form.
/// </summary>
public sealed record SeriesId
{
    /// <summary>Creates an identity; throws <see cref="DomainValidationException"/> for an empty metric or one with braces.</summary>
    /// <param name="metric">The metric id.</param>
    /// <param name="labels">The entity's labels.</param>
    public SeriesId(string metric, LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (string.IsNullOrWhiteSpace(metric) || metric.IndexOfAny(['{', '}', '"']) >= 0)
        {
            throw new DomainValidationException($"'{metric}' is not a metric id (it must be non-empty and free of braces and quotes).");
        }
        Metric = metric;
        Labels = labels;
    }

    /// <summary>The metric id.</summary>
    public string Metric { get; }

    /// <summary>The entity's labels.</summary>
    public LabelSet Labels { get; }

    /// <summary>The entity as stored: the labels' canonical text.</summary>
    public string Entity => Labels.Text;

    /// <summary>An identity from a metric id and stored entity text (throws when the text does not parse).</summary>
    /// <param name="metric">The metric id.</param>
    /// <param name="entity">Entity text as stored.</param>
    public static SeriesId Of(string metric, string entity) => new(metric, LabelSet.Parse(entity));

    /// <summary>Reads <c>metric{labels}</c> or <c>metric</c>; false when it is neither.</summary>
    /// <param name="text">The formatted identity.</param>
    /// <param name="id">The identity when it parses.</param>
    public static bool TryParse(string? text, out SeriesId? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var brace = text.IndexOf('{');
        var metric = brace < 0 ? text : text[..brace];
        if (metric.Length == 0 || metric.IndexOfAny(['}', '"']) >= 0)
        {
            return false;
        }
        var labels = LabelSet.Empty;
        if (brace >= 0 && (!text.EndsWith('}') || !LabelSet.TryParse(text[(brace + 1)..^1], out labels)))
        {
            return false;
        }
        id = new SeriesId(metric, labels);
        return true;
    }

    /// <summary>Reads <c>metric{labels}</c>; throws <see cref="DomainValidationException"/> naming the text when it does not parse.</summary>
    /// <param name="text">The formatted identity.</param>
    public static SeriesId Parse(string? text) =>
        TryParse(text, out var id) ? id! : throw new DomainValidationException($"'{text}' is not a series (expected metric{{name=\"value\",...}}).");

    /// <inheritdoc/>
    public override string ToString() => Labels.IsEmpty ? Metric : $"{Metric}{{{Labels.Text}}}";
}
