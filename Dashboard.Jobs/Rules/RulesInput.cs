using Dashboard.Domain.Business;
using Dashboard.Jobs.Resources;

namespace Dashboard.Jobs.Rules;

/// <summary>What the Prometheus rules are generated from.</summary>
/// <param name="Resources">The resources, with the thresholds in force already resolved.</param>
/// <param name="Slo">The availability objective (e.g. 99.9 % over 30 days).</param>
/// <param name="ErrorRatio">The availability SLI's error ratio.</param>
/// <param name="Policy">The multi-window burn-rate tiers; every factor and window of the SLO alerts comes from here.</param>
public sealed record RulesInput(IReadOnlyList<ResourceSpec> Resources, Slo Slo, SliErrorRatio ErrorRatio, BurnRatePolicy Policy);
