using System.Security.Claims;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Resources.Presets;
using Dashboard.Services.Resources;

namespace Dashboard.Services.Presets;

/// <summary>
/// Applies a preset (owner and engineer): its user-defined resources are created or replaced, and the built-ins it
/// re-points take its query, entity label and note while keeping the levels in force (a deployment's overrides
/// survive). Every entry is checked first, Prometheus' parser included; one bad entry and nothing is saved.
/// </summary>
public sealed class PresetApplyService(ResourceService resources)
{
    /// <summary>The outcome: the resources saved, or problems named <c>resources[id].field</c>, or an unknown preset / id.</summary>
    public sealed record Result(IReadOnlyList<ResourceView> Applied, IReadOnlyList<InputProblem> Problems, bool NotFound = false, bool Forbidden = false);

    /// <summary>Applies <paramref name="presetId"/>, or only the resources of it named in <paramref name="only"/>.</summary>
    public async Task<Result> ApplyAsync(ClaimsPrincipal user, string presetId, IReadOnlyList<string>? only, CancellationToken cancellationToken)
    {
        if (!ResourceService.MayEdit(user))
        {
            return new Result([], [], Forbidden: true);
        }
        if (PresetCatalog.Find(presetId) is not { } preset)
        {
            return new Result([], [], NotFound: true);
        }
        var unknown = (only ?? []).Where(id => preset.Resources.All(r => r.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            return new Result([], [new("resources", $"The preset '{preset.Id}' has no resource {string.Join(", ", unknown.Select(u => $"'{u}'"))}; it has {string.Join(", ", preset.Resources.Select(r => r.Id))}.")]);
        }
        var chosen = preset.Resources.Where(r => only is null || only.Count == 0 || only.Contains(r.Id)).ToList();
        var current = (await resources.ListAsync(user, cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var drafts = chosen.Select(spec => Draft(spec, current.GetValueOrDefault(spec.Id))).ToList();

        var problems = new List<InputProblem>();
        foreach (var draft in drafts)
        {
            problems.AddRange((await resources.CheckAsync(draft.Id!, draft, cancellationToken))
                .Select(p => p with { Field = $"resources[{draft.Id}].{p.Field}" }));
        }
        if (problems.Count > 0)
        {
            return new Result([], problems);
        }
        var applied = new List<ResourceView>();
        foreach (var draft in drafts)
        {
            var saved = await resources.SaveAsync(user, draft.Id!, draft, cancellationToken, $"preset {preset.Id}");
            applied.Add(saved.Resource ?? throw new InvalidOperationException($"Resource '{draft.Id}' of preset '{preset.Id}' passed its checks but was not saved."));
        }
        return new Result(applied, []);
    }

    private static ResourceDraft Draft(ResourceSpec spec, ResourceView? current)
    {
        var draft = ResourceRows.ToDraft(spec);
        if (!MetricCatalog.Default.TryGet(spec.Id, out _) || current is null)
        {
            return draft;
        }
        // A re-pointed built-in keeps the levels in force here; only where it reads from changes.
        return draft with { Warning = current.Warning, Critical = current.Critical, SustainedForSeconds = current.SustainedForSeconds };
    }
}
