using Dashboard.Jobs.Rules;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Rules;

/// <summary>The generated rule file is one Prometheus loads: its own checker says so.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
public sealed class PrometheusRulesCheckTests
{
    [Fact]
    public async Task CheckRules_BuiltInCatalogPlusCapacityAndBelowIsBadResources_PromtoolAcceptsEveryRule()
    {
        var input = RulesSamples.BuiltInsPlusCustom();
        var yaml = PrometheusRulesGenerator.Generate(input);
        // Every window recorded once, an alert per tier, and per resource a record, a warning and a critical.
        var expected = input.Policy.Windows.Count + input.Policy.Tiers.Count + 3 * input.Resources.Count;

        var result = await Promtool.RunAsync(new Dictionary<string, string> { ["rules.yml"] = yaml }, "check", "rules", "rules.yml");

        Assert.True(result.ExitCode == 0 && result.Output.Contains($"SUCCESS: {expected} rules found", StringComparison.Ordinal),
            $"promtool check rules exited {result.ExitCode}, expected SUCCESS with {expected} rules:\n{result.Output}\n--- rules.yml ---\n{yaml}");
    }
}
