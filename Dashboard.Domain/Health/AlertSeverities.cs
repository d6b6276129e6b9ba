using Dashboard.Domain.Values;

namespace Dashboard.Domain.Health;

/// <summary>Where an alert's severity comes from: a threshold level, or an Alertmanager <c>severity</c> label.</summary>
public static class AlertSeverities
{
    /// <summary>The severity of a rule on <paramref name="level"/>; throws <see cref="DomainValidationException"/> for None.</summary>
    /// <param name="level">Warning or Critical.</param>
    public static AlertSeverity FromLevel(ThresholdBreach level) => level switch
    {
        ThresholdBreach.Warning => AlertSeverity.Warning,
        ThresholdBreach.Critical => AlertSeverity.Critical,
        _ => throw new DomainValidationException($"An alert's level must be Warning or Critical, but was {level}."),
    };

    /// <summary>
    /// The severity an Alertmanager alert's <c>severity</c> label stands for, by the usual conventions
    /// ("critical" / "page" / "error" are critical; "warning" / "warn" / "ticket" are warnings; any other
    /// or no label is info). <c>none</c> returns null: by convention it marks an always-firing
    /// watchdog that proves the alerting path works and is nothing to triage.
    /// </summary>
    /// <param name="label">The label's value, or null when the alert has none.</param>
    public static AlertSeverity? FromLabel(string? label) => label?.Trim().ToLowerInvariant() switch
    {
        "none" => null,
        "critical" or "page" or "error" => AlertSeverity.Critical,
        "warning" or "warn" or "ticket" => AlertSeverity.Warning,
        _ => AlertSeverity.Info,
    };
}
