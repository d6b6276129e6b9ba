using System.Globalization;
using Dashboard.Domain.Catalog;
using Dashboard.Services.Sources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Dashboard.Services.Config;

/// <summary>What reading a document gave: the document (null when it could not be read at all), every problem by line and field, and where each field stands.</summary>
public sealed record ConfigReadResult(ConfigDocument? Document, IReadOnlyList<ConfigProblem> Problems, ConfigPositions Positions);

/// <summary>
/// Reads a configuration document strictly: YAML syntax errors with their line and column, then every field
/// checked for its type, unknown keys named with their line, secrets refused. Anchors, aliases, tags and more
/// than one document are refused too: a configuration document says each value where it applies.
/// </summary>
public static class ConfigYamlReader
{
    /// <summary>Deepest nesting read (the document needs 4); deeper input is refused before it is built.</summary>
    public const int MaxDepth = 12;

    private static readonly string[] TopKeys = ["apiVersion", "kind", "prune", "resources", "slo", "business", "sources"];
    private static readonly string[] ResourceKeys =
        ["id", "name", "category", "unit", "direction", "warning", "critical", "sustainedForSeconds", "usageQuery", "capacityQuery", "entityLabel", "note", "loadModel"];
    private static readonly string[] SloKeys = ["targetPercent"];
    private static readonly string[] BusinessKeys = ["activeUsers", "monthlyInfraSpendUsd", "conversionBaselineLatencyMs", "monthlyRecurringRevenueUsd", "revenuePerConversionUsd"];
    private static readonly string[] SourcesKeys = ["prometheus", "alertmanager", "scrapeTargets", "postgres"];
    private static readonly string[] PrometheusKeys = ["url", "timeoutSeconds", "maxRetries", "basicAuthUser"];
    private static readonly string[] AlertmanagerKeys = ["url", "timeoutSeconds"];
    private static readonly string[] ScrapeTargetKeys = ["name", "url"];
    private static readonly string[] PostgresKeys = ["name", "connectionString"];

    public static ConfigReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var walk = new Walk();
        if (!Scan(text, walk.Problems))
        {
            return new ConfigReadResult(null, walk.Problems, walk.Positions);
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            // What the events cannot show: a key given twice in one mapping.
            walk.Problems.Add(new ConfigProblem(ex.Start.Line, ex.Start.Column, "", ex.Message.StartsWith("Duplicate key", StringComparison.Ordinal)
                ? $"{ex.Message}: each key is given once in a mapping." : $"YAML error: {ex.Message}"));
            return new ConfigReadResult(null, walk.Problems, walk.Positions);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            walk.Problems.Add(new ConfigProblem(1, 1, "", $"the document is empty; it starts with apiVersion: {ConfigDocument.CurrentApiVersion} and kind: {ConfigDocument.DocumentKind}."));
            return new ConfigReadResult(null, walk.Problems, walk.Positions);
        }
        var document = walk.Document(stream.Documents[0].RootNode);
        return new ConfigReadResult(document, walk.Problems, walk.Positions);
    }

    /// <summary>
    /// The parser's events alone, before anything is built: syntax errors with their place, and what a
    /// configuration document never needs (several documents, anchors and aliases, tags, deep nesting).
    /// </summary>
    private static bool Scan(string text, List<ConfigProblem> problems)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var depth = 0;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                switch (e)
                {
                    case DocumentStart when ++documents > 1:
                        problems.Add(new ConfigProblem(e.Start.Line, e.Start.Column, "", "a second document ('---') follows; put the whole configuration in one document."));
                        return false;
                    case AnchorAlias alias:
                        problems.Add(new ConfigProblem(e.Start.Line, e.Start.Column, "", $"the alias *{alias.Value} is not supported; write the value out where it applies."));
                        return false;
                    case NodeEvent { Anchor.IsEmpty: false } node:
                        problems.Add(new ConfigProblem(e.Start.Line, e.Start.Column, "", $"the anchor &{node.Anchor} is not supported; write the value out where it applies."));
                        return false;
                    case NodeEvent { Tag.IsEmpty: false } node:
                        problems.Add(new ConfigProblem(e.Start.Line, e.Start.Column, "", $"the tag {node.Tag.Value} is not supported; a configuration document uses plain values."));
                        return false;
                    case MappingStart or SequenceStart when ++depth > MaxDepth:
                        problems.Add(new ConfigProblem(e.Start.Line, e.Start.Column, "", $"the document is nested more than {MaxDepth} levels deep."));
                        return false;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
            return true;
        }
        catch (YamlException ex)
        {
            problems.Add(new ConfigProblem(ex.Start.Line, ex.Start.Column, "", $"YAML syntax error: {ex.Message}"));
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these on some malformed input (an unclosed flow sequence); its position still says where.
            var at = scanner.CurrentPosition;
            problems.Add(new ConfigProblem(at.Line, at.Column, "", "YAML syntax error: the document cannot be read from here (an unclosed bracket or quote before this point?)."));
            return false;
        }
    }

    /// <summary>One pass over the node tree, recording positions and problems as it goes.</summary>
    private sealed class Walk
    {
        public List<ConfigProblem> Problems { get; } = [];

        public ConfigPositions Positions { get; } = new();

        public ConfigDocument? Document(YamlNode root)
        {
            var top = Mapping(root, "", TopKeys);
            if (top is null)
            {
                return null;
            }
            Required(top, "apiVersion", "", ConfigDocument.CurrentApiVersion);
            Required(top, "kind", "", ConfigDocument.DocumentKind);
            var prune = top.TryGetValue("prune", out var p) ? Bool(p, "prune") : null;
            return new ConfigDocument
            {
                Prune = prune ?? false,
                Resources = top.TryGetValue("resources", out var r) ? List(r, "resources", Resource) : null,
                Slo = top.TryGetValue("slo", out var s) ? Slo(s) : null,
                Business = top.TryGetValue("business", out var b) ? Business(b) : null,
                Sources = top.TryGetValue("sources", out var src) ? Sources(src) : null,
            };
        }

        private void Required(Dictionary<string, YamlNode> top, string key, string path, string expected)
        {
            if (!top.TryGetValue(key, out var node))
            {
                Problems.Add(new ConfigProblem(1, 1, key, $"{key} is required: {key}: {expected}."));
                return;
            }
            if (Text(node, key) is { } value && value != expected)
            {
                Problems.Add(Positions.At(Join(path, key), $"{key} must be '{expected}', but was '{value}'."));
            }
        }

        private ResourceDraft Resource(YamlNode node, string path)
        {
            if (Mapping(node, path, ResourceKeys) is not { } m)
            {
                return new ResourceDraft(); // keeps the later entries' indexes; the problem is recorded
            }
            string? T(string key) => m.TryGetValue(key, out var n) ? Text(n, $"{path}.{key}") : null;
            return new ResourceDraft
            {
                Id = T("id"),
                Name = T("name"),
                Category = T("category"),
                Unit = T("unit"),
                Direction = T("direction"),
                Warning = m.TryGetValue("warning", out var w) ? Number(w, $"{path}.warning") : null,
                Critical = m.TryGetValue("critical", out var c) ? Number(c, $"{path}.critical") : null,
                SustainedForSeconds = m.TryGetValue("sustainedForSeconds", out var s) ? Integer(s, $"{path}.sustainedForSeconds") : null,
                UsageQuery = T("usageQuery"),
                CapacityQuery = T("capacityQuery"),
                EntityLabel = T("entityLabel"),
                Note = T("note"),
                LoadModel = T("loadModel"),
            };
        }

        private SloSection? Slo(YamlNode node)
        {
            if (Mapping(node, "slo", SloKeys) is not { } m)
            {
                return null;
            }
            var target = RequiredValue(m, "slo", "targetPercent", Decimal);
            return target is { } t ? new SloSection(t) : null;
        }

        private BusinessSection? Business(YamlNode node)
        {
            if (Mapping(node, "business", BusinessKeys) is not { } m)
            {
                return null;
            }
            var users = RequiredValue(m, "business", "activeUsers", Integer);
            var spend = RequiredValue(m, "business", "monthlyInfraSpendUsd", Decimal);
            var baseline = m.TryGetValue("conversionBaselineLatencyMs", out var bl) ? Integer(bl, "business.conversionBaselineLatencyMs") : null;
            RevenueFigures? revenue = null;
            if (m.ContainsKey("monthlyRecurringRevenueUsd") || m.ContainsKey("revenuePerConversionUsd"))
            {
                var perConversion = m.TryGetValue("revenuePerConversionUsd", out var rc) ? Decimal(rc, "business.revenuePerConversionUsd") : null;
                if (RequiredValue(m, "business", "monthlyRecurringRevenueUsd", Decimal) is { } mrr)
                {
                    revenue = new RevenueFigures(mrr, perConversion);
                }
            }
            return users is { } u && spend is { } sp
                ? new BusinessSection { ActiveUsers = u, MonthlyInfraSpendUsd = sp, ConversionBaselineLatencyMs = baseline, Revenue = revenue }
                : null;
        }

        private SourcesSection? Sources(YamlNode node)
        {
            if (Mapping(node, "sources", SourcesKeys) is not { } m)
            {
                return null;
            }
            return new SourcesSection
            {
                Prometheus = m.TryGetValue("prometheus", out var p) ? Prometheus(p) : null,
                Alertmanager = m.TryGetValue("alertmanager", out var a) ? Alertmanager(a) : null,
                ScrapeTargets = m.TryGetValue("scrapeTargets", out var s) ? List(s, "sources.scrapeTargets", ScrapeTarget) : null,
                Postgres = m.TryGetValue("postgres", out var pg) ? List(pg, "sources.postgres", PostgresTarget) : null,
            };
        }

        private PrometheusSection? Prometheus(YamlNode node)
        {
            const string path = "sources.prometheus";
            var secrets = new Dictionary<string, string>
            {
                ["bearerToken"] = SourceSettingKeys.PrometheusBearerToken,
                ["basicAuthPassword"] = SourceSettingKeys.PrometheusBasicAuthPassword,
            };
            if (Mapping(node, path, PrometheusKeys, secrets) is not { } m)
            {
                return null;
            }
            return new PrometheusSection
            {
                Url = m.TryGetValue("url", out var u) ? Text(u, $"{path}.url") : null,
                TimeoutSeconds = m.TryGetValue("timeoutSeconds", out var t) ? Number(t, $"{path}.timeoutSeconds") : null,
                MaxRetries = m.TryGetValue("maxRetries", out var r) ? Integer(r, $"{path}.maxRetries") : null,
                BasicAuthUser = m.TryGetValue("basicAuthUser", out var b) ? Text(b, $"{path}.basicAuthUser") ?? "" : null,
            };
        }

        private AlertmanagerSection? Alertmanager(YamlNode node)
        {
            const string path = "sources.alertmanager";
            if (Mapping(node, path, AlertmanagerKeys, new() { ["bearerToken"] = SourceSettingKeys.AlertmanagerBearerToken }) is not { } m)
            {
                return null;
            }
            return new AlertmanagerSection
            {
                Url = m.TryGetValue("url", out var u) ? Text(u, $"{path}.url") : null,
                TimeoutSeconds = m.TryGetValue("timeoutSeconds", out var t) ? Number(t, $"{path}.timeoutSeconds") : null,
            };
        }

        private ScrapeTargetEntry? ScrapeTarget(YamlNode node, string path)
        {
            if (Mapping(node, path, ScrapeTargetKeys, new() { ["bearerToken"] = SourceSettingKeys.ScrapeToken("<name>") }) is not { } m)
            {
                return null;
            }
            var name = RequiredValue(m, path, "name", Text);
            var url = m.TryGetValue("url", out var u) ? Text(u, $"{path}.url") ?? "" : "";
            return name is null ? null : new ScrapeTargetEntry(name, url);
        }

        private PostgresTargetEntry? PostgresTarget(YamlNode node, string path)
        {
            if (Mapping(node, path, PostgresKeys, new() { ["password"] = SourceSettingKeys.PostgresTarget("<name>") }) is not { } m)
            {
                return null;
            }
            var name = RequiredValue(m, path, "name", Text);
            var connection = RequiredValue(m, path, "connectionString", Text);
            if (connection is not null && SourceSettingKeys.TryParse(connection) is { } parsed
                && (!string.IsNullOrEmpty(parsed.Password) || !string.IsNullOrEmpty(parsed.SslPassword)))
            {
                Problems.Add(Positions.At($"{path}.connectionString",
                    $"the connection string holds a password; secrets are never read from a configuration document (set it on the Settings page or in the environment variable {Env(SourceSettingKeys.PostgresTarget(name ?? "<name>"))})."));
                return null;
            }
            return name is null || connection is null ? null : new PostgresTargetEntry(name, connection);
        }

        private List<T>? List<T>(YamlNode node, string path, Func<YamlNode, string, T?> item)
            where T : class
        {
            Record(path, node);
            if (node is not YamlSequenceNode sequence)
            {
                Problems.Add(Positions.At(path, $"expected a list (write [] for none), but found {Describe(node)}."));
                return null;
            }
            var items = new List<T>();
            var complete = true;
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var entryPath = $"{path}[{i}]";
                Record(entryPath, sequence.Children[i]);
                if (item(sequence.Children[i], entryPath) is { } value)
                {
                    items.Add(value);
                }
                else
                {
                    complete = false;
                }
            }
            return complete ? items : null;
        }

        /// <summary>The mapping's entries by key; unknown keys (and secrets) are problems naming the key and its line.</summary>
        private Dictionary<string, YamlNode>? Mapping(YamlNode node, string path, string[] keys, Dictionary<string, string>? secrets = null)
        {
            Record(path, node);
            if (node is not YamlMappingNode mapping)
            {
                Problems.Add(Positions.At(path, $"expected a mapping of {string.Join(", ", keys)}, but found {Describe(node)}."));
                return null;
            }
            var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                {
                    Problems.Add(new ConfigProblem(keyNode.Start.Line, keyNode.Start.Column, path, $"a key must be a plain name, but found {Describe(keyNode)}."));
                    continue;
                }
                var keyPath = Join(path, key);
                if (secrets is not null && secrets.TryGetValue(key, out var configKey))
                {
                    Problems.Add(new ConfigProblem(keyNode.Start.Line, keyNode.Start.Column, keyPath,
                        $"secrets are never read from a configuration document; set {key} on the Settings page or in the environment variable {Env(configKey)}."));
                    continue;
                }
                if (!keys.Contains(key, StringComparer.Ordinal))
                {
                    var near = keys.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase));
                    Problems.Add(new ConfigProblem(keyNode.Start.Line, keyNode.Start.Column, keyPath,
                        near is not null
                            ? $"unknown key '{key}'; did you mean '{near}'? (keys are case-sensitive)"
                            : $"unknown key '{key}'; {(path.Length == 0 ? "the document" : path)} takes {string.Join(", ", keys)}."));
                    continue;
                }
                Record(keyPath, value);
                entries[key] = value;
            }
            return entries;
        }

        private TValue? RequiredValue<TValue>(Dictionary<string, YamlNode> m, string path, string key, Func<YamlNode, string, TValue?> read)
        {
            if (m.TryGetValue(key, out var node))
            {
                var value = read(node, Join(path, key));
                if (value is null && IsNull(node))
                {
                    Problems.Add(Positions.At(Join(path, key), $"{key} is required."));
                }
                return value;
            }
            Problems.Add(Positions.At(Join(path, key), $"{key} is required."));
            return default;
        }

        private string? Text(YamlNode node, string path)
        {
            if (node is not YamlScalarNode scalar)
            {
                Problems.Add(Positions.At(path, $"expected text, but found {Describe(node)}."));
                return null;
            }
            return IsNull(scalar) ? null : scalar.Value;
        }

        private double? Number(YamlNode node, string path) =>
            Plain(node, path, "a number") is { } text
                ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : Wrong<double>(node, path, "a number")
                : null;

        private decimal? Decimal(YamlNode node, string path) =>
            Plain(node, path, "a number") is { } text
                ? decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : Wrong<decimal>(node, path, "a number")
                : null;

        private int? Integer(YamlNode node, string path)
        {
            if (Plain(node, path, "a whole number") is not { } text)
            {
                return null;
            }
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                return v;
            }
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? Wrong<int>(node, path, $"a whole number between {int.MinValue} and {int.MaxValue}")
                : Wrong<int>(node, path, "a whole number");
        }

        private bool? Bool(YamlNode node, string path) => Plain(node, path, "true or false") switch
        {
            null => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => Wrong<bool>(node, path, "true or false"),
        };

        /// <summary>A plain scalar's text (a quoted "80" is text, not a number); null for an empty value or null.</summary>
        private string? Plain(YamlNode node, string path, string what)
        {
            if (node is YamlScalarNode scalar && IsNull(scalar))
            {
                return null;
            }
            if (node is not YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text })
            {
                Wrong<int>(node, path, what);
                return null;
            }
            return text;
        }

        private T? Wrong<T>(YamlNode node, string path, string what)
            where T : struct
        {
            Problems.Add(Positions.At(path, $"expected {what}, but found {Describe(node)}."));
            return null;
        }

        private void Record(string path, YamlNode node) => Positions.Record(path, node.Start.Line, node.Start.Column);

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

        private static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => $"the quoted text '{Clip(s.Value)}'",
            YamlScalarNode s => $"'{Clip(s.Value)}'",
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping",
            _ => "something else",
        };

        private static string Clip(string? text) => text is null ? "" : text.Length > 40 ? text[..40] + "…" : text;

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

        private static string Env(string configKey) => configKey.Replace(":", "__", StringComparison.Ordinal);
    }
}
