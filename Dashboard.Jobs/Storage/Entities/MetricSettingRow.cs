using Dashboard.Domain.Values;

namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// A resource as this deployment uses it (table <c>metric_settings</c>): the twelve built-ins seeded from the
/// Domain catalog, whose levels and query an operator may change but which cannot be deleted, and the
/// user-defined resources, stored whole. <see cref="Unit"/> is the unit of the figure (percent of capacity
/// when there is a capacity query); <see cref="UsageUnit"/> the unit of the usage and capacity values then.
/// </summary>
public sealed class MetricSettingRow
{
    public required string MetricId { get; set; }
    public required string Category { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public required string Direction { get; set; }
    public double Warning { get; set; }
    public double Critical { get; set; }
    public int? SustainedForSeconds { get; set; }
    public bool IsOverridden { get; set; }
    /// <summary>True for the twelve catalog metrics (cannot be deleted; their direction and unit come from the catalog).</summary>
    public bool IsBuiltIn { get; set; } = true;
    /// <summary>PromQL for usage; null on a built-in means the configured or default query.</summary>
    public string? UsageQuery { get; set; }
    /// <summary>Optional PromQL for capacity: the figure is then usage as a percentage of it.</summary>
    public string? CapacityQuery { get; set; }
    /// <summary>Unit of the usage and capacity values when there is a capacity query; null otherwise.</summary>
    public string? UsageUnit { get; set; }
    /// <summary>The label whose value names an entity (e.g. <c>instance</c>), or null.</summary>
    public string? EntityLabel { get; set; }
    /// <summary>Free text shown beside the resource.</summary>
    public string Note { get; set; } = "";
    /// <summary>The what-if load model (a <see cref="Dashboard.Domain.WhatIf.LoadModelChoice"/> name).</summary>
    public string LoadModel { get; set; } = nameof(Dashboard.Domain.WhatIf.LoadModelChoice.Auto);
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>The threshold in force for this metric: these levels on the catalog's direction and unit (<see cref="ThresholdsInForce"/>).</summary>
    public Threshold ToThreshold() => ThresholdsInForce.Of(this);
}
