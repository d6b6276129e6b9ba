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
/// What the generated Prometheus rules are made from, in one place: every resource in force (built-ins and
/// user-defined, <see cref="ResourceRows.ToSpec"/>: the thresholds and the PromQL in force), the business profile's
/// SLO target, the availability SLI (the uptime resource's query in force) and the Domain's 30-day burn-rate policy
/// (as on the owner view).
/// </summary>
public sealed class RulesInputSource(SystemStatusService status, BusinessProfileService profiles, IOptionsMonitor<PrometheusOptions> prometheus)
{
    public async Task<RulesInput> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var rows = await status.GetCatalogAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.MetricId, StringComparer.Ordinal);
        // Every resource in force (built-ins in catalog order, then the user-defined ones), each with its query in force.
        var resources = ThresholdsInForce.Resolve(rows).Metrics
            .Select(m => ResourceRows.ToSpec(byId[m.Id], prometheus.CurrentValue.Queries))
            .Where(spec => !string.IsNullOrWhiteSpace(spec.UsageQuery))
            .ToList();
        var profile = await profiles.GetAsync(user, cancellationToken);
        return From(resources, new Slo(Percent.Of((double)profile.SloTargetPercent)));
    }

    /// <summary>The input for resources in force and an objective; the SLI is the availability resource's query in force.</summary>
    public static RulesInput From(IReadOnlyList<ResourceSpec> resources, Slo slo)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var uptime = resources.FirstOrDefault(r => r.Id == MetricIds.Uptime)?.UsageQuery ?? DefaultQueries.Availability;
        return new(resources, slo, new SliErrorRatio(DefaultQueries.AvailabilityErrorRatio(uptime), DefaultQueries.AvailabilityWindow), BurnRatePolicy.ThirtyDayDefault);
    }

    /// <summary>The input for a catalog of built-ins, the configured query overrides and an objective.</summary>
    public static RulesInput From(MetricCatalog catalog, IReadOnlyDictionary<string, string>? queries, Slo slo) =>
        From(Resources(catalog, queries), slo);

    /// <summary>Each catalog metric as a resource: its levels, direction, unit and sustained window, measured by its query in force.</summary>
    public static IReadOnlyList<ResourceSpec> Resources(MetricCatalog catalog, IReadOnlyDictionary<string, string>? queries)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Metrics.Select(m => new ResourceSpec(
            m.Id, m.Name, m.Category, m.Threshold.Unit, m.Threshold.Direction, m.Threshold.Warning, m.Threshold.Critical,
            m.Threshold.SustainedFor, DefaultQueries.For(m.Id, queries)))];
    }
}
