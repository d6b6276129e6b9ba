using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Resources.Presets;

namespace Dashboard.Services.Presets;

/// <summary>A preset as the API shows it: its packs' resources with the one expression each is measured by.</summary>
public sealed record PresetView(
    string Id,
    string Name,
    string Description,
    IReadOnlyList<string> RequiredMetrics,
    IReadOnlyList<string> RepointedBuiltIns,
    IReadOnlyList<PresetResourceView> Resources)
{
    public static PresetView Of(Preset preset) => new(preset.Id, preset.Name, preset.Description, preset.RequiredMetrics,
        preset.RepointedBuiltIns, [.. preset.Resources.Select(PresetResourceView.Of)]);
}

/// <summary>One resource of a preset; <see cref="BuiltIn"/> when it re-points a catalog metric.</summary>
public sealed record PresetResourceView(
    string Id,
    bool BuiltIn,
    string Name,
    MetricCategory Category,
    string Unit,
    string MeasuredUnit,
    ThresholdDirection Direction,
    double Warning,
    double Critical,
    int? SustainedForSeconds,
    string UsageQuery,
    string? CapacityQuery,
    string? EntityLabel,
    string MeasuredQuery,
    string Note,
    LoadModelChoice LoadModel)
{
    public static PresetResourceView Of(ResourceSpec r) => new(r.Id, MetricCatalog.Default.TryGet(r.Id, out _), r.Name, r.Category, r.Unit,
        r.MeasuredUnit, r.Direction, r.Warning, r.Critical, r.SustainedFor is { } w ? (int)w.TotalSeconds : null, r.UsageQuery, r.CapacityQuery,
        r.EntityLabel, ResourceQuery.Measured(r), r.Note, r.LoadModel);
}

/// <summary>A preset against the connected Prometheus: the required metrics it holds and those it lacks.</summary>
public sealed record PresetMatchView(string Id, string Name, IReadOnlyList<string> Found, IReadOnlyList<string> Missing)
{
    public static PresetMatchView Of(PresetMatch match) => new(match.Preset.Id, match.Preset.Name, match.Found, match.Missing);
}

/// <summary>
/// What detection found, and over what: the metric names of series seen since <see cref="Since"/> (at most
/// <see cref="PresetDiscoveryService.MaxNames"/>; <see cref="Truncated"/> says when there were more).
/// Partial matches are reported, not proposed.
/// </summary>
public sealed record PresetDetectionView(
    DateTimeOffset AskedAt,
    DateTimeOffset Since,
    int MetricNames,
    bool Truncated,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<PresetMatchView> Proposed,
    IReadOnlyList<PresetMatchView> Partial);
