using Dashboard.Domain.Catalog;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Jobs.Resources;

/// <summary>
/// Between the stored rows (<c>metric_settings</c>) and resources: the one place that says what a row means.
/// A built-in's query is, in order, the one saved in the database, the deployment's
/// <c>Prometheus:Queries:&lt;id&gt;</c>, the default; a user-defined resource's is the saved one.
/// </summary>
public static class ResourceRows
{
    /// <summary>The resource a row stands for, with its query in force and the levels in force.</summary>
    /// <param name="row">A stored row.</param>
    /// <param name="configured">The deployment's <c>Prometheus:Queries</c> overrides, if any.</param>
    public static ResourceSpec ToSpec(MetricSettingRow row, IReadOnlyDictionary<string, string>? configured = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        var definition = Storage.ThresholdsInForce.Resolve([row]).Get(row.MetricId);
        var threshold = definition.Threshold;
        var usage = !string.IsNullOrWhiteSpace(row.UsageQuery) ? row.UsageQuery : row.IsBuiltIn ? DefaultQueries.For(row.MetricId, configured) : "";
        return new ResourceSpec(
            row.MetricId,
            definition.Name,
            definition.Category,
            row.UsageUnit ?? threshold.Unit,
            threshold.Direction,
            threshold.Warning,
            threshold.Critical,
            threshold.SustainedFor,
            usage,
            row.CapacityQuery,
            row.EntityLabel,
            row.Note,
            Enum.TryParse<LoadModelChoice>(row.LoadModel, out var model) ? model : LoadModelChoice.Auto);
    }

    /// <summary>Where a built-in's query in force comes from: "saved", "configuration" or "default"; "saved" for every user-defined resource.</summary>
    public static string QuerySource(MetricSettingRow row, IReadOnlyDictionary<string, string>? configured = null) =>
        !string.IsNullOrWhiteSpace(row.UsageQuery) || !row.IsBuiltIn ? "saved"
        : configured is not null && configured.TryGetValue(row.MetricId, out var q) && !string.IsNullOrWhiteSpace(q) ? "configuration"
        : "default";

    /// <summary>Writes a checked draft (<see cref="ResourceRules.Check"/> found nothing) into a row, new or existing.</summary>
    /// <param name="row">The row to fill.</param>
    /// <param name="draft">A valid draft.</param>
    public static void Apply(MetricSettingRow row, ResourceDraft draft)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(draft);
        var builtIn = MetricCatalog.Default.TryGet(row.MetricId, out var catalog) ? catalog : null;
        var capacity = string.IsNullOrWhiteSpace(draft.CapacityQuery) ? null : draft.CapacityQuery.Trim();
        row.IsBuiltIn = builtIn is not null;
        row.Name = builtIn?.Name ?? draft.Name!.Trim();
        row.Category = builtIn?.Category.ToString() ?? draft.Category!;
        row.Direction = builtIn?.Threshold.Direction.ToString() ?? draft.Direction!;
        row.Unit = builtIn?.Unit ?? (capacity is null ? draft.Unit! : MetricUnits.Percent);
        row.UsageUnit = builtIn is null && capacity is not null ? draft.Unit : null;
        row.UsageQuery = string.IsNullOrWhiteSpace(draft.UsageQuery) ? null : draft.UsageQuery.Trim();
        row.CapacityQuery = capacity;
        row.EntityLabel = string.IsNullOrWhiteSpace(draft.EntityLabel) ? null : draft.EntityLabel.Trim();
        row.Note = draft.Note?.Trim() ?? "";
        row.LoadModel = draft.LoadModel is { Length: > 0 } m ? m : builtIn is null ? nameof(LoadModelChoice.Linear) : nameof(LoadModelChoice.Auto);
        row.Warning = draft.Warning!.Value;
        row.Critical = draft.Critical!.Value;
        row.SustainedForSeconds = draft.SustainedForSeconds is > 0 ? draft.SustainedForSeconds : null;
    }

    /// <summary>The draft that saves a resource spec (a preset's entry) as it is.</summary>
    public static ResourceDraft ToDraft(ResourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new()
        {
            Id = spec.Id,
            Name = spec.Name,
            Category = spec.Category.ToString(),
            Unit = spec.Unit,
            Direction = spec.Direction.ToString(),
            Warning = spec.Warning,
            Critical = spec.Critical,
            SustainedForSeconds = spec.SustainedFor is { } s ? (int)s.TotalSeconds : null,
            UsageQuery = spec.UsageQuery,
            CapacityQuery = spec.CapacityQuery,
            EntityLabel = spec.EntityLabel,
            Note = spec.Note,
            LoadModel = spec.LoadModel.ToString(),
        };
    }

    /// <summary>The draft that would save this row unchanged (the editor's starting point, the YAML export).</summary>
    public static ResourceDraft ToDraft(MetricSettingRow row) => new()
    {
        Id = row.MetricId,
        Name = row.Name,
        Category = row.Category,
        Unit = row.UsageUnit ?? row.Unit,
        Direction = row.Direction,
        Warning = row.Warning,
        Critical = row.Critical,
        SustainedForSeconds = row.SustainedForSeconds,
        UsageQuery = row.UsageQuery,
        CapacityQuery = row.CapacityQuery,
        EntityLabel = row.EntityLabel,
        Note = row.Note,
        LoadModel = row.LoadModel,
    };
}
