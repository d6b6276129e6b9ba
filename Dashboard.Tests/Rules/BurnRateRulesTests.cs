using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Domain.Business;
using Dashboard.Jobs.Rules;

namespace Dashboard.Tests.Rules;

/// <summary>Every burn-rate alert's factor and windows, read back from the YAML, are the Domain policy's tiers.</summary>
public sealed partial class BurnRateRulesTests
{
    [Fact]
    public void BurnRateAlerts_DefaultPolicy_FactorsWindowsAndUrgencyAreThePolicyTiers()
    {
        var input = RulesSamples.BuiltInsPlusCustom();

        var tiers = Tiers(ParsedRules.Parse(PrometheusRulesGenerator.Generate(input)), input.ErrorRatio.Window);

        Assert.Equal(Expected(BurnRatePolicy.ThirtyDayDefault), tiers);
    }

    [Fact]
    public void BurnRateAlerts_AnotherPolicyAndObjective_FollowTheDomainNotTheDefaults()
    {
        var policy = new BurnRatePolicy(
        [
            new BurnRateTier(AlertUrgency.Page, TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(10), 20),
            new BurnRateTier(AlertUrgency.Ticket, TimeSpan.FromDays(2), TimeSpan.FromHours(4), 2),
        ]);
        var input = RulesSamples.BuiltInsPlusCustom() with { Policy = policy, Slo = new Slo(Dashboard.Domain.Values.Percent.Of(99.5)) };

        var tiers = Tiers(ParsedRules.Parse(PrometheusRulesGenerator.Generate(input)), input.ErrorRatio.Window, objective: 0.995);

        Assert.Equal(Expected(policy), tiers);
    }

    private static List<(AlertUrgency, TimeSpan, TimeSpan, double)> Expected(BurnRatePolicy policy) =>
        [.. policy.Tiers.Select(t => (t.Urgency, t.LongWindow, t.ShortWindow, t.Factor))];

    /// <summary>
    /// Each burn-rate alert as (urgency, long, short, factor), read from its expression; checks on the way that both
    /// sides use one factor and the objective, that the labels agree with the expression, and that each window it
    /// reads is recorded as the mean of the SLI's own readings over exactly that window.
    /// </summary>
    private static List<(AlertUrgency, TimeSpan, TimeSpan, double)> Tiers(ParsedRules rules, TimeSpan sliWindow, double objective = 0.999)
    {
        var slo = rules["dashboard-slo-availability"];
        var records = slo.Rules.Where(r => r.Record is not null).ToDictionary(r => r.Record!, r => r.Expr);
        var baseRecord = $"dashboard:slo_errors:ratio_rate{Format(sliWindow)}";
        Assert.True(records.ContainsKey(baseRecord), $"no {baseRecord} among {string.Join(", ", records.Keys)}");
        var tiers = new List<(AlertUrgency, TimeSpan, TimeSpan, double)>();
        foreach (var alert in slo.Rules.Where(r => r.Alert is not null))
        {
            Assert.Equal(RuleNames.ErrorBudgetBurn, alert.Alert);
            var match = BurnExpression().Match(alert.Expr);
            Assert.True(match.Success, $"unexpected burn-rate expression: {alert.Expr}");
            var (longWindow, shortWindow) = (Parse(match.Groups["long"].Value), Parse(match.Groups["short"].Value));
            var factor = double.Parse(match.Groups["f1"].Value, CultureInfo.InvariantCulture);
            Assert.Equal(factor, double.Parse(match.Groups["f2"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(objective, double.Parse(match.Groups["o1"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(objective, double.Parse(match.Groups["o2"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(match.Groups["long"].Value, alert.Labels["long_window"]);
            Assert.Equal(match.Groups["short"].Value, alert.Labels["short_window"]);
            foreach (var window in new[] { longWindow, shortWindow })
            {
                var record = $"dashboard:slo_errors:ratio_rate{Format(window)}";
                Assert.True(records.TryGetValue(record, out var expr), $"{alert.Expr} reads {record}, which is not recorded");
                if (window != sliWindow)
                {
                    var mean = MeanExpression().Match(expr);
                    Assert.True(mean.Success && mean.Groups["of"].Value == baseRecord && Parse(mean.Groups["range"].Value) == window,
                        $"{record} should be the mean of {baseRecord} over {Format(window)}, but is {expr}");
                }
            }
            var urgency = Enum.Parse<AlertUrgency>(alert.Labels["severity"], ignoreCase: true);
            tiers.Add((urgency, longWindow, shortWindow, factor));
        }
        return tiers;
    }

    // The test's own reading of a Prometheus duration, independent of the generator's writing of it.
    private static TimeSpan Parse(string duration)
    {
        var match = DurationPattern().Match(duration);
        Assert.True(match.Success, $"not a single-unit Prometheus duration: {duration}");
        var n = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "d" => TimeSpan.FromDays(n),
            "h" => TimeSpan.FromHours(n),
            "m" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromSeconds(n),
        };
    }

    private static string Format(TimeSpan window) =>
        window.TotalDays % 1 == 0 ? $"{window.TotalDays}d"
        : window.TotalHours % 1 == 0 ? $"{window.TotalHours}h"
        : window.TotalMinutes % 1 == 0 ? $"{window.TotalMinutes}m"
        : $"{window.TotalSeconds}s";

    [GeneratedRegex(@"^dashboard:slo_errors:ratio_rate(?<long>\w+) > \((?<f1>[\d.]+) \* \(1 - (?<o1>[\d.]+)\)\) and dashboard:slo_errors:ratio_rate(?<short>\w+) > \((?<f2>[\d.]+) \* \(1 - (?<o2>[\d.]+)\)\)$")]
    private static partial Regex BurnExpression();

    [GeneratedRegex(@"^avg_over_time\((?<of>[\w:]+)\[(?<range>\w+)\]\)$")]
    private static partial Regex MeanExpression();

    [GeneratedRegex(@"^(\d+)(d|h|m|s)$")]
    private static partial Regex DurationPattern();
}
