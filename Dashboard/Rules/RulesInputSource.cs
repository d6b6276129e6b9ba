using System.Security.Claims;
using Dashboard.Domain.Business;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Rules;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage;
using Dashboard.Services;
using Microsoft.Extensions.Options;

namespace Dashboard.Rules;

/// <summary>
/// What the generated Prometheus rules are made from, in one place: today the built-in catalog metrics with the
/// thresholds in force and the PromQL in force (<see cref="DefaultQueries.For"/> with this deployment's overrides),
/// the business profile's SLO target, the availability SLI and the Domain's 30-day burn-rate policy (as on the
/// owner view). User-defined resources replace <see cref="Resources"/> here when they come.
/// </summary>
public sealed class RulesInputSource(SystemStatusService status, BusinessProfileService profiles, IOptionsMonitor<PrometheusOptions> prometheus)
{
    public async Task<RulesInput> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var catalog = ThresholdsInForce.Resolve(await status.GetCatalogAsync(cancellationToken));
        var profile = await profiles.GetAsync(user, cancellationToken);
        return From(catalog, prometheus.CurrentValue.Queries, new Slo(Percent.Of((double)profile.SloTargetPercent)));
    }

    /// <summary>The input for a catalog, the configured query overrides and an objective.</summary>
    public static RulesInput From(MetricCatalog catalog, IReadOnlyDictionary<string, string>? queries, Slo slo) =>
        new(
            Resources(catalog, queries),
            slo,
            new SliErrorRatio(DefaultQueries.AvailabilityErrorRatio(DefaultQueries.For(MetricIds.Uptime, queries)), DefaultQueries.AvailabilityWindow),
            BurnRatePolicy.ThirtyDayDefault);

    /// <summary>Each catalog metric as a resource: its levels, direction, unit and sustained window, measured by its query in force.</summary>
    public static IReadOnlyList<ResourceSpec> Resources(MetricCatalog catalog, IReadOnlyDictionary<string, string>? queries)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Metrics.Select(m => new ResourceSpec(
            m.Id, m.Name, m.Category, m.Threshold.Unit, m.Threshold.Direction, m.Threshold.Warning, m.Threshold.Critical,
            m.Threshold.SustainedFor, DefaultQueries.For(m.Id, queries)))];
    }
}
