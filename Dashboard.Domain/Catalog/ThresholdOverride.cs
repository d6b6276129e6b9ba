namespace Dashboard.Domain.Catalog;

/// <summary>
/// A deployment's change to one metric's threshold. Null members keep the default.
/// Direction and unit belong to the metric and cannot be overridden.
/// </summary>
/// <param name="MetricId">The id of the metric to change.</param>
/// <param name="Warning">New warning level, or null to keep the default.</param>
/// <param name="Critical">New critical level, or null to keep the default.</param>
/// <param name="SustainedFor">New sustained-for window, null to keep the default, <see cref="TimeSpan.Zero"/> to remove it.</param>
public sealed record ThresholdOverride(string MetricId, double? Warning = null, double? Critical = null, TimeSpan? SustainedFor = null);
