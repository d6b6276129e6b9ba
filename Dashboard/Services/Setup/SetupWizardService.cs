using System.Security.Claims;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Resources.Presets;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Services.Presets;
using Dashboard.Services.Resources;

namespace Dashboard.Services.Setup;

/// <summary>
/// The first-run steps after the connection: detection, previews, applying presets and choosing the availability SLI,
/// each through the services the Settings pages use. The Prometheus client is built with the URL in force when it is
/// resolved, and setup connects Prometheus in the middle of a circuit, so every call resolves its services in a scope
/// of its own rather than keeping the circuit's (which would still hold the empty URL).
/// </summary>
public sealed class SetupWizardService(IServiceScopeFactory scopes)
{
    public async Task<SetupDetection> DetectAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return new SetupDetection(await scope.ServiceProvider.GetRequiredService<PresetDiscoveryService>().DetectAsync(null, cancellationToken), null);
        }
        catch (PrometheusQueryException ex)
        {
            return new SetupDetection(null, $"{ex.ErrorType}: {ex.Error}");
        }
    }

    /// <summary>Each resource of the preset, evaluated now as it would be measured (<see cref="ResourceQuery.Measured(ResourceSpec)"/>).</summary>
    public async Task<IReadOnlyList<SetupResourcePreview>> PreviewAsync(Preset preset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var previews = new List<SetupResourcePreview>();
        foreach (var spec in preset.Resources)
        {
            var found = await EvaluateAsync(ResourceQuery.Measured(spec), spec.EntityLabel, spec.MeasuredUnit, cancellationToken);
            previews.Add(new SetupResourcePreview(spec.Id, spec.Name, found.Total, Sample(found), found.Error));
        }
        return previews;
    }

    /// <summary>One query now, in <paramref name="unit"/> (the SLI options' current values).</summary>
    public async Task<QueryPreview> EvaluateAsync(string query, string? entityLabel, string unit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var preview = await scope.ServiceProvider.GetRequiredService<ResourcePreviewService>()
            .PreviewAsync(new PreviewRequest(query, null, entityLabel, unit), cancellationToken);
        return preview.Usage;
    }

    /// <summary>"42 % (node-1)": the first series' value and entity (a pooled series has none), or null when there is no series.</summary>
    public static string? Sample(QueryPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        if (preview.Series.Count == 0)
        {
            return null;
        }
        var first = preview.Series[0];
        return first.Entity is "" or "{}" ? first.Display : $"{first.Display} ({first.Entity})";
    }

    /// <summary>Applies the presets one after another through <see cref="PresetApplyService"/> (each all or nothing).</summary>
    public async Task<IReadOnlyList<SetupApplyOutcome>> ApplyAsync(ClaimsPrincipal user, IReadOnlyList<string> presetIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presetIds);
        var outcomes = new List<SetupApplyOutcome>();
        foreach (var id in presetIds)
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<PresetApplyService>().ApplyAsync(user, id, null, cancellationToken);
            var problems = result switch
            {
                { Forbidden: true } => ["Only owners and engineers can apply presets."],
                { NotFound: true } => [$"There is no preset '{id}'."],
                _ => result.Problems.Select(p => $"{p.Field}: {p.Message}").ToList(),
            };
            outcomes.Add(new SetupApplyOutcome(id, result.Applied.Count, problems));
        }
        return outcomes;
    }

    /// <summary>The built-in uptime resource as it is in force.</summary>
    public async Task<ResourceView?> GetUptimeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ResourceService>().GetAsync(user, MetricIds.Uptime, cancellationToken);
    }

    /// <summary>Re-points the uptime resource to <paramref name="option"/>, keeping the levels in force (its stored row's).</summary>
    public async Task<ResourceService.Result> SaveSliAsync(ClaimsPrincipal user, AvailabilitySliOption option, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<SystemStatusService>().GetCatalogAsync(cancellationToken);
        var current = ResourceRows.ToDraft(rows.Single(r => r.MetricId == MetricIds.Uptime));
        return await scope.ServiceProvider.GetRequiredService<ResourceService>()
            .SaveAsync(user, MetricIds.Uptime, AvailabilitySli.Repoint(current, option), cancellationToken, "setup");
    }
}
