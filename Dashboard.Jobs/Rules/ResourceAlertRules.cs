using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Alerts;
using Dashboard.Jobs.Resources;

namespace Dashboard.Jobs.Rules;

/// <summary>
/// The resource group: per resource its measured figure recorded (<see cref="ResourceQuery.Measured(ResourceSpec)"/>)
/// and a warning and a critical alert on it, judged like the dashboard's own alerts: strictly past the level in
/// the resource's direction, for its sustained window, kept firing for <see cref="GaugeAlerts.KeepFiringFor"/>.
/// </summary>
internal static class ResourceAlertRules
{
    public const string GroupName = "dashboard-resources";

    public static RuleGroup Build(IReadOnlyList<ResourceSpec> resources)
    {
        var rules = new List<Rule>();
        foreach (var spec in resources)
        {
            rules.Add(new Rule { Record = RuleNames.Resource(spec.Id), Expr = ResourceQuery.Measured(spec) });
            rules.Add(Alert(spec, "warning", spec.Warning));
            rules.Add(Alert(spec, "critical", spec.Critical));
        }
        return new RuleGroup { Name = GroupName, Rules = rules };
    }

    private static Rule Alert(ResourceSpec spec, string severity, double level)
    {
        var above = spec.Direction == ThresholdDirection.AboveIsBad;
        var unit = spec.MeasuredUnit;
        var levelText = PromFormat.Number(level) + UnitSuffix(unit);
        var sustained = spec.SustainedFor is { } window && window > TimeSpan.Zero ? PromFormat.Duration(window) : null;
        var name = TemplateText(spec.Name);
        var annotations = new Dictionary<string, string>
        {
            ["summary"] = sustained is null
                ? $"{name} is {(above ? "above" : "below")} its {severity} level of {levelText}"
                : $"{name} has been {(above ? "above" : "below")} its {severity} level of {levelText} for {sustained}",
            ["description"] = $"{name} is {ValueText(unit)} ({severity} {(above ? "above" : "below")} {levelText}).",
            ["name"] = name,
            ["level"] = PromFormat.Number(level),
            ["unit"] = unit,
        };
        if (!string.IsNullOrWhiteSpace(spec.Note))
        {
            annotations["note"] = TemplateText(spec.Note.Trim());
        }
        return new Rule
        {
            Alert = RuleNames.ResourceAlert(spec.Id, above),
            Expr = $"{RuleNames.Resource(spec.Id)} {(above ? ">" : "<")} {PromFormat.Number(level)}",
            For = sustained,
            KeepFiringFor = PromFormat.Duration(GaugeAlerts.KeepFiringFor),
            // "metric" too (decision 014): a silence set from the dashboard's triage, which matches metric, severity and the
            // series' labels, then mutes this alert in Alertmanager as well.
            Labels = new Dictionary<string, string> { ["severity"] = severity, ["resource"] = spec.Id, ["metric"] = spec.Id },
            Annotations = annotations,
        };
    }

    private static string UnitSuffix(string unit) => unit switch
    {
        MetricUnits.Count => "",
        MetricUnits.PerSecond => unit,
        _ => " " + unit,
    };

    // The firing value, in Prometheus' own template language: bytes with binary prefixes, the rest plainly.
    private static string ValueText(string unit) => unit == MetricUnits.Bytes
        ? "{{ $value | humanize1024 }}B"
        : "{{ $value | humanize }}" + UnitSuffix(unit);

    // A name or note is text, not a template: "{{" in it is written so Prometheus prints it as it is.
    private static string TemplateText(string text) => text.Replace("{{", "{{ \"{{\" }}", StringComparison.Ordinal);
}
