using Dashboard.Jobs.Rules;
using YamlDotNet.Serialization;

namespace Dashboard.Tests.Rules;

/// <summary>
/// One <c>promtool test rules</c> case over the generated rules: synthetic input series, then the alerts
/// expected to be firing at given times. Expected annotations are the generated ones with
/// <c>$value</c> filled in as Prometheus prints it, so the wording may change but the templates must expand.
/// </summary>
/// <param name="input">What the rules are generated from.</param>
/// <param name="evaluationInterval">How often the rules are evaluated (input series have one value a minute); null for every minute.</param>
internal sealed class PromtoolUnitTest(RulesInput input, TimeSpan? evaluationInterval = null)
{
    private static readonly ISerializer Yaml = new SerializerBuilder().Build();
    private readonly List<Dictionary<string, string>> series = [];
    private readonly List<Dictionary<string, object>> checks = [];

    public string RulesYaml { get; } = PrometheusRulesGenerator.Generate(input);

    public ParsedRules Rules => ParsedRules.Parse(RulesYaml);

    /// <summary>An input series in promtool's expanding notation, one value a minute (e.g. <c>0+57x20</c>).</summary>
    public PromtoolUnitTest Series(string selector, string values)
    {
        series.Add(new() { ["series"] = selector, ["values"] = values });
        return this;
    }

    /// <summary>At <paramref name="at"/> no alert named <paramref name="alert"/> fires.</summary>
    public PromtoolUnitTest NoneFiring(TimeSpan at, string alert) => Firing(at, alert);

    /// <summary>At <paramref name="at"/> exactly these alerts named <paramref name="alert"/> fire: each the generated rule with these labels, plus the series' labels.</summary>
    public PromtoolUnitTest Firing(TimeSpan at, string alert, params Expected[] expected)
    {
        checks.Add(new()
        {
            ["eval_time"] = PromFormat.Duration(at),
            ["alertname"] = alert,
            ["exp_alerts"] = expected.Select(e => ExpectedAlert(alert, e)).ToList(),
        });
        return this;
    }

    /// <summary>Runs the case; fails with promtool's output and the test file when any expectation does not hold.</summary>
    public async Task AssertHoldsAsync()
    {
        var result = await RunAsync();
        Assert.True(result.ExitCode == 0, $"promtool test rules exited {result.ExitCode}:\n{result.Output}");
    }

    private async Task<Promtool.Result> RunAsync()
    {
        var tests = Yaml.Serialize(new Dictionary<string, object>
        {
            ["rule_files"] = new[] { "rules.yml" },
            ["evaluation_interval"] = PromFormat.Duration(evaluationInterval ?? TimeSpan.FromMinutes(1)),
            ["tests"] = new[]
            {
                new Dictionary<string, object> { ["interval"] = "1m", ["input_series"] = series, ["alert_rule_test"] = checks },
            },
        });
        var result = await Promtool.RunAsync(new Dictionary<string, string> { ["rules.yml"] = RulesYaml, ["tests.yml"] = tests }, "test", "rules", "tests.yml");
        return result with { Output = $"{result.Output}\n--- tests.yml ---\n{tests}" };
    }

    /// <summary>The rule is the one whose labels are all in <paramref name="RuleLabels"/>; the alert also carries <paramref name="SeriesLabels"/>.</summary>
    public sealed record Expected(IReadOnlyDictionary<string, string> RuleLabels, IReadOnlyDictionary<string, string> SeriesLabels, string Value);

    private Dictionary<string, object> ExpectedAlert(string alert, Expected expected)
    {
        var rule = Rules.All.Single(r => r.Alert == alert && r.Labels.All(l => expected.RuleLabels.GetValueOrDefault(l.Key) == l.Value));
        return new()
        {
            ["exp_labels"] = rule.Labels.Concat(expected.SeriesLabels).ToDictionary(),
            ["exp_annotations"] = rule.Annotations.ToDictionary(a => a.Key, a => Expand(a.Value, expected.Value)),
        };
    }

    private static string Expand(string template, string value) => template
        .Replace("{{ $value | humanizePercentage }}", value, StringComparison.Ordinal)
        .Replace("{{ $value | humanize1024 }}", value, StringComparison.Ordinal)
        .Replace("{{ $value | humanize }}", value, StringComparison.Ordinal)
        .Replace("{{ \"{{\" }}", "{{", StringComparison.Ordinal);
}
