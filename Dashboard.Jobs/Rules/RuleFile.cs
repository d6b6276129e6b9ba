using YamlDotNet.Serialization;

namespace Dashboard.Jobs.Rules;

/// <summary>A Prometheus rule file (<c>rule_files:</c>), in the shape Prometheus' rulefmt reads.</summary>
public sealed class RuleFile
{
    [YamlMember(Alias = "groups")]
    public required IReadOnlyList<RuleGroup> Groups { get; init; }
}

/// <summary>One rule group: its rules are evaluated in order, so a rule may read a series recorded above it.</summary>
public sealed class RuleGroup
{
    [YamlMember(Alias = "name")]
    public required string Name { get; init; }

    [YamlMember(Alias = "rules")]
    public required IReadOnlyList<Rule> Rules { get; init; }
}

/// <summary>A recording rule (<see cref="Record"/>) or an alerting rule (<see cref="Alert"/>); unset fields are left out.</summary>
public sealed class Rule
{
    [YamlMember(Alias = "record")]
    public string? Record { get; init; }

    [YamlMember(Alias = "alert")]
    public string? Alert { get; init; }

    [YamlMember(Alias = "expr")]
    public required string Expr { get; init; }

    [YamlMember(Alias = "for")]
    public string? For { get; init; }

    [YamlMember(Alias = "keep_firing_for")]
    public string? KeepFiringFor { get; init; }

    [YamlMember(Alias = "labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [YamlMember(Alias = "annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
