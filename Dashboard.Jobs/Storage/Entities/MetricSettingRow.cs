using Dashboard.Domain.Values;

namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// A catalog metric as this deployment uses it: seeded from the Domain catalog, with the
/// thresholds an operator may override.
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
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>The threshold in force for this metric: these levels on the catalog's direction and unit (<see cref="ThresholdsInForce"/>).</summary>
    public Threshold ToThreshold() => ThresholdsInForce.Of(this);
}
