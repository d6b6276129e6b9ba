using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;

namespace Dashboard.Jobs.Resources.Presets;

/// <summary>A pack file (Packs/&lt;id&gt;.json) as written; <see cref="PresetLoader"/> checks it and makes a <see cref="Preset"/>.</summary>
public sealed record PresetDocument(
    string? Id,
    string? Name,
    string? Description,
    IReadOnlyList<string>? RequiredMetrics,
    IReadOnlyList<PresetResourceDocument>? Resources);

/// <summary>
/// One resource of a pack file. A catalog metric id re-points that built-in: only <see cref="UsageQuery"/> (absent:
/// its default query), <see cref="EntityLabel"/> and <see cref="Note"/> may be given, the rest is the catalog's. Any
/// other id is a custom resource and needs every field but the optional sustained-for window, capacity query and entity label.
/// </summary>
public sealed record PresetResourceDocument(
    string? Id,
    string? Name,
    MetricCategory? Category,
    string? Unit,
    ThresholdDirection? Direction,
    double? Warning,
    double? Critical,
    int? SustainedForSeconds,
    string? UsageQuery,
    string? CapacityQuery,
    string? EntityLabel,
    string? Note,
    LoadModelChoice? LoadModel);
