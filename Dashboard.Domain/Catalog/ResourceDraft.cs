namespace Dashboard.Domain.Catalog;

/// <summary>
/// A resource as a user or a document spells it, before it is checked (<see cref="ResourceRules"/>): every field
/// as typed, so a mistake can be named by field. Category, direction and load model are names of their enums.
/// </summary>
public sealed record ResourceDraft
{
    /// <summary>Stable id, e.g. "redis_memory".</summary>
    public string? Id { get; init; }

    /// <summary>Display name.</summary>
    public string? Name { get; init; }

    /// <summary>A <see cref="MetricCategory"/> name.</summary>
    public string? Category { get; init; }

    /// <summary>The usage query's unit, one of <see cref="MetricUnits.All"/>.</summary>
    public string? Unit { get; init; }

    /// <summary>"AboveIsBad" or "BelowIsBad".</summary>
    public string? Direction { get; init; }

    /// <summary>Warning level (percent of capacity with a capacity query).</summary>
    public double? Warning { get; init; }

    /// <summary>Critical level.</summary>
    public double? Critical { get; init; }

    /// <summary>Sustained-for window in seconds; null or 0 = at once.</summary>
    public int? SustainedForSeconds { get; init; }

    /// <summary>PromQL for usage (required for a user-defined resource; null on a built-in = its default query).</summary>
    public string? UsageQuery { get; init; }

    /// <summary>Optional PromQL for capacity.</summary>
    public string? CapacityQuery { get; init; }

    /// <summary>The label naming an entity (or several, comma-separated: <see cref="EntityLabels"/>), or null.</summary>
    public string? EntityLabel { get; init; }

    /// <summary>Free text.</summary>
    public string? Note { get; init; }

    /// <summary>A <see cref="WhatIf.LoadModelChoice"/> name; null = Auto for a built-in, Linear for another.</summary>
    public string? LoadModel { get; init; }
}
