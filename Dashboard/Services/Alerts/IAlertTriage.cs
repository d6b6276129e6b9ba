using System.Security.Claims;

namespace Dashboard.Services.Alerts;

/// <summary>Alert triage for the engineer view and the API (owner and engineer).</summary>
public interface IAlertTriage
{
    /// <summary>Every alert to triage, in triage order, with the state of the sources.</summary>
    Task<AlertTriageReport> GetAsync(CancellationToken cancellationToken);

    /// <summary>Acknowledges the current episode of an open alert (who, when, optional note); audited.</summary>
    Task<AlertActionResult> AcknowledgeAsync(ClaimsPrincipal user, long id, string? note, CancellationToken cancellationToken);

    /// <summary>Silences an alert until <paramref name="until"/> for <paramref name="reason"/>; also in Alertmanager when configured; audited.</summary>
    Task<AlertActionResult> SilenceAsync(ClaimsPrincipal user, long id, DateTimeOffset? until, string? reason, CancellationToken cancellationToken);

    /// <summary>Ends an alert's silence now (and expires its Alertmanager silence); audited.</summary>
    Task<AlertActionResult> ExpireSilenceAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken);

    /// <summary>The stored history of a dashboard alert's series since shortly before it started (at least the last 6 hours).</summary>
    Task<AlertEvidence> GetEvidenceAsync(AlertView alert, CancellationToken cancellationToken);
}
