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

    /// <summary>The Domain threshold these levels describe.</summary>
    public Threshold ToThreshold() =>
        new(Warning, Critical, Enum.Parse<ThresholdDirection>(Direction), Unit,
            SustainedForSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
}
