namespace Dashboard.Domain.Health;

/// <summary>How urgent an alert is; a higher value is more urgent (critical first in triage).</summary>
public enum AlertSeverity
{
    /// <summary>Worth knowing, not worth waking anyone: an Alertmanager alert with another or no severity label.</summary>
    Info,

    /// <summary>Past the warning level (ticket-worthy).</summary>
    Warning,

    /// <summary>Past the critical level (page-worthy).</summary>
    Critical,
}
