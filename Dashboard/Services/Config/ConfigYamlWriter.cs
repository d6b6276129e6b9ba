using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Domain.Catalog;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Services.Config;

/// <summary>
/// Writes a configuration document as YAML that <see cref="ConfigYamlReader"/> reads back to the same document:
/// multi-line PromQL as literal blocks, text that would read as a number, a boolean or null quoted, fields at their
/// default left out.
/// </summary>
public static partial class ConfigYamlWriter
{
    public static string Write(ConfigDocument document, IEnumerable<string> comments)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(comments);
        var root = new YamlMappingNode();
        Add(root, "apiVersion", ConfigDocument.CurrentApiVersion);
        Add(root, "kind", ConfigDocument.DocumentKind);
        if (document.Prune)
        {
            root.Add("prune", Plain("true"));
        }
        if (document.Resources is { } resources)
        {
            root.Add("resources", new YamlSequenceNode(resources.Select(Resource)));
        }
        if (document.Slo is { } slo)
        {
            root.Add("slo", new YamlMappingNode { { "targetPercent", Number(slo.TargetPercent) } });
        }
        if (document.Business is { } business)
        {
            var b = new YamlMappingNode
            {
                { "activeUsers", Number(business.ActiveUsers) },
                { "monthlyInfraSpendUsd", Number(business.MonthlyInfraSpendUsd) },
            };
            if (business.ConversionBaselineLatencyMs is { } baseline)
            {
                b.Add("conversionBaselineLatencyMs", Number(baseline));
            }
            if (business.Revenue is { } revenue)
            {
                b.Add("monthlyRecurringRevenueUsd", Number(revenue.MonthlyRecurringRevenueUsd));
                if (revenue.RevenuePerConversionUsd is { } perConversion)
                {
                    b.Add("revenuePerConversionUsd", Number(perConversion));
                }
            }
            root.Add("business", b);
        }
        if (document.Sources is { } sources)
        {
            root.Add("sources", Sources(sources));
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        foreach (var comment in comments)
        {
            writer.WriteLine($"# {comment}");
        }
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        // The emitter closes the document with "...": true YAML, but noise in a file people edit.
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlMappingNode Resource(ResourceDraft r)
    {
        var m = new YamlMappingNode();
        Add(m, "id", r.Id);
        Add(m, "name", r.Name);
        Add(m, "category", r.Category);
        Add(m, "unit", r.Unit);
        Add(m, "direction", r.Direction);
        if (r.Warning is { } warning)
        {
            m.Add("warning", Number(warning));
        }
        if (r.Critical is { } critical)
        {
            m.Add("critical", Number(critical));
        }
        if (r.SustainedForSeconds is { } sustained)
        {
            m.Add("sustainedForSeconds", Number(sustained));
        }
        Add(m, "usageQuery", r.UsageQuery);
        Add(m, "capacityQuery", r.CapacityQuery);
        Add(m, "entityLabel", r.EntityLabel);
        Add(m, "note", r.Note);
        Add(m, "loadModel", r.LoadModel);
        return m;
    }

    private static YamlMappingNode Sources(SourcesSection sources)
    {
        var m = new YamlMappingNode();
        if (sources.Prometheus is { } p)
        {
            var node = new YamlMappingNode();
            AddText(node, "url", p.Url);
            AddNumber(node, "timeoutSeconds", p.TimeoutSeconds);
            AddNumber(node, "maxRetries", p.MaxRetries);
            AddText(node, "basicAuthUser", p.BasicAuthUser);
            m.Add("prometheus", node);
        }
        if (sources.Alertmanager is { } a)
        {
            var node = new YamlMappingNode();
            AddText(node, "url", a.Url);
            AddNumber(node, "timeoutSeconds", a.TimeoutSeconds);
            m.Add("alertmanager", node);
        }
        if (sources.ScrapeTargets is { } scrape)
        {
            m.Add("scrapeTargets", new YamlSequenceNode(scrape.Select(t => new YamlMappingNode { { "name", Text(t.Name) }, { "url", Text(t.Url) } })));
        }
        if (sources.Postgres is { } postgres)
        {
            m.Add("postgres", new YamlSequenceNode(postgres.Select(t => new YamlMappingNode { { "name", Text(t.Name) }, { "connectionString", Text(t.ConnectionString) } })));
        }
        return m;
    }

    /// <summary>Optional text: left out when null or empty (the reader gives null, which every field takes as its default).</summary>
    private static void Add(YamlMappingNode m, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            m.Add(key, Text(value));
        }
    }

    /// <summary>Text a source field holds: written even when empty, since leaving it out would keep the stored value.</summary>
    private static void AddText(YamlMappingNode m, string key, string? value)
    {
        if (value is not null)
        {
            m.Add(key, Text(value));
        }
    }

    private static void AddNumber(YamlMappingNode m, string key, double? value)
    {
        if (value is { } v)
        {
            m.Add(key, Number(v));
        }
    }

    /// <summary>
    /// Multi-line text as a literal block when that keeps it exactly; anything a block could alter (a carriage
    /// return, trailing spaces, other control characters) double-quoted with escapes, as is text that reads as another type.
    /// </summary>
    private static YamlScalarNode Text(string value) => new(value)
    {
        Style = value.Any(c => char.IsControl(c) && c is not '\n' and not '\t') || LooksTyped().IsMatch(value) || value.Length == 0 ? ScalarStyle.DoubleQuoted
            : !value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Any
            : TrailingSpace().IsMatch(value) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Literal,
    };

    private static YamlScalarNode Number(double value) => Plain(value.ToString("R", CultureInfo.InvariantCulture));

    // G29: the value without the trailing zeros of its stored scale (99.900 -> 99.9).
    private static YamlScalarNode Number(decimal value) => Plain(value.ToString("G29", CultureInfo.InvariantCulture));

    private static YamlScalarNode Number(int value) => Plain(value.ToString(CultureInfo.InvariantCulture));

    private static YamlScalarNode Plain(string text) => new(text) { Style = ScalarStyle.Plain };

    /// <summary>Text another YAML reader would take for a number, a boolean or null if it were written plain.</summary>
    [GeneratedRegex(@"^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0x[0-9a-fA-F]+|0o[0-7]+|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|null|Null|NULL|~)$")]
    private static partial Regex LooksTyped();

    [GeneratedRegex(@"[ \t]\n|[ \t]$|^\s|\n\s*\n\s*$")]
    private static partial Regex TrailingSpace();
}
