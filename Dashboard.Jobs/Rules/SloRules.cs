using System.Globalization;
using Dashboard.Domain.Business;

namespace Dashboard.Jobs.Rules;

/// <summary>
/// The SLO group: the SLI's error ratio recorded over every window the burn-rate policy looks at, and one
/// alert per tier that fires when both of its windows burn faster than its factor (SRE workbook ch. 5).
/// </summary>
internal static class SloRules
{
    public const string GroupName = "dashboard-slo-availability";

    public static RuleGroup Build(Slo slo, SliErrorRatio sli, BurnRatePolicy policy)
    {
        var measured = RuleNames.SloErrorRatio(sli.Window);
        var rules = new List<Rule>
        {
            // NaN (a slice with no valid requests, 0/0) is unknown, not bad: dropped, so it cannot poison the averages below.
            new() { Record = measured, Expr = $"({sli.Expression}) >= 0" },
        };
        // Longer windows are the time-weighted mean of the SLI's own readings, as the dashboard measures them (decision 020).
        rules.AddRange(policy.Windows.Where(w => w != sli.Window).Select(window => new Rule
        {
            Record = RuleNames.SloErrorRatio(window),
            Expr = $"avg_over_time({measured}[{PromFormat.Duration(window)}])",
        }));
        rules.AddRange(policy.Tiers.Select(tier => Alert(slo, tier)));
        return new RuleGroup { Name = GroupName, Rules = rules };
    }

    private static Rule Alert(Slo slo, BurnRateTier tier)
    {
        // Decimal, so 99.9 % is written 0.999 and its budget 0.1 %, not a binary fraction's tail.
        var target = (decimal)slo.Target.Value;
        var objective = PromFormat.Number(target / 100);
        var factor = PromFormat.Number(tier.Factor);
        var level = $"({factor} * (1 - {objective}))";
        var (longWindow, shortWindow) = (PromFormat.Duration(tier.LongWindow), PromFormat.Duration(tier.ShortWindow));
        var urgency = tier.Urgency.ToString().ToLowerInvariant();
        return new Rule
        {
            Alert = RuleNames.ErrorBudgetBurn,
            Expr = $"{RuleNames.SloErrorRatio(tier.LongWindow)} > {level} and {RuleNames.SloErrorRatio(tier.ShortWindow)} > {level}",
            Labels = new Dictionary<string, string>
            {
                ["severity"] = urgency,
                ["slo"] = RuleNames.AvailabilitySlo,
                ["long_window"] = longWindow,
                ["short_window"] = shortWindow,
            },
            Annotations = new Dictionary<string, string>
            {
                ["summary"] = $"Availability error budget burning faster than {factor}x over {longWindow} and {shortWindow} ({urgency} tier)",
                ["description"] =
                    $"The availability error ratio over the last {longWindow} is {{{{ $value | humanizePercentage }}}}, more than {factor}x the {PromFormat.Number(100 - target)} % " +
                    $"that the {PromFormat.Number(target)} % objective allows, and the last {shortWindow} burns as fast. At this pace the " +
                    $"{slo.Window.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)}-day error budget is gone in {Length(slo.Window / tier.Factor)}; this tier fires once about " +
                    $"{(tier.BudgetConsumedWhenFiring(slo) * 100).ToString("0.#", CultureInfo.InvariantCulture)} % of it is spent.",
            },
        };
    }

    private static string Length(TimeSpan span) => span < TimeSpan.FromDays(2)
        ? span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h"
        : span.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " days";
}
