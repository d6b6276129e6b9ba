using Dashboard.Domain.Health;

namespace Dashboard.Jobs.Storage.Entities;

/// <summary>
/// One alert as every web instance sees it: a series (metric + entity) at one severity, either
/// evaluated by the dashboard from its gauges (Domain <see cref="AlertStateMachine"/>, state kept
/// here between passes) or copied from Alertmanager's active alerts. The row carries the current or
/// last episode; a new episode reuses it and clears the acknowledgement (a silence runs until its end).
/// </summary>
public sealed class AlertRow
{
    /// <summary>Evaluated by the dashboard from its own gauges.</summary>
    public const string DashboardSource = "dashboard";

    /// <summary>Copied from Alertmanager's active alerts.</summary>
    public const string AlertmanagerSource = "alertmanager";

    public long Id { get; set; }

    /// <summary><see cref="DashboardSource"/> or <see cref="AlertmanagerSource"/>.</summary>
    public required string Source { get; set; }

    /// <summary>The catalog metric id, or the Alertmanager <c>alertname</c>.</summary>
    public required string Metric { get; set; }

    /// <summary>The series' labels as <c>a="x",b="y"</c> ("" for none); for Alertmanager alerts every label but alertname and severity.</summary>
    public required string Entity { get; set; }

    /// <summary>Domain <see cref="AlertSeverity"/> name.</summary>
    public required string Severity { get; set; }

    /// <summary>Domain <see cref="AlertState"/> name.</summary>
    public required string State { get; set; }

    public DateTimeOffset? PendingSince { get; set; }
    public DateTimeOffset? FiringSince { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? KeepFiringSince { get; set; }
    public DateTimeOffset? LastEvaluatedAt { get; set; }

    public double? LastValue { get; set; }
    public DateTimeOffset? LastValueAt { get; set; }
    public string? Unit { get; set; }
    public double? Warning { get; set; }
    public double? Critical { get; set; }

    /// <summary>The threshold's direction ("AboveIsBad" / "BelowIsBad") and sustained-for window at the last evaluation.</summary>
    public string? Direction { get; set; }
    public int? SustainedForSeconds { get; set; }

    /// <summary>Since when the source has not given a usable value; the state is held, not evaluated, meanwhile.</summary>
    public DateTimeOffset? SourceStaleSince { get; set; }
    public string? SourceStaleReason { get; set; }

    /// <summary>Alertmanager's identity of the label set.</summary>
    public string? Fingerprint { get; set; }
    public string? Summary { get; set; }
    public string? GeneratorUrl { get; set; }
    public string? RunbookUrl { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Muted by a silence in Alertmanager (ours or anyone's).</summary>
    public bool SilencedInAlertmanager { get; set; }

    public string? AckedBy { get; set; }
    public DateTimeOffset? AckedAt { get; set; }
    public string? AckNote { get; set; }

    public string? SilencedBy { get; set; }
    public DateTimeOffset? SilencedAt { get; set; }
    public DateTimeOffset? SilencedUntil { get; set; }
    public string? SilenceReason { get; set; }

    /// <summary>The id of the silence created in Alertmanager for this alert, so it can be expired.</summary>
    public string? AlertmanagerSilenceId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public AlertState AlertState => Enum.Parse<AlertState>(State);

    public AlertSeverity AlertSeverity => Enum.Parse<AlertSeverity>(Severity);

    public bool IsOpen => AlertState is AlertState.Pending or AlertState.Firing;

    public bool IsSilenced(DateTimeOffset now) => SilencedUntil > now || SilencedInAlertmanager;

    /// <summary>The series key alerts of several severities share (they inhibit each other in triage).</summary>
    public string Series => $"{Source}|{Metric}|{Entity}";

    /// <summary>The machine's state (a resolved row keeps its last pending-since for display; the machine does not need it).</summary>
    public AlertStateSnapshot ToSnapshot() =>
        new(AlertState, IsOpen ? PendingSince : null, FiringSince, ResolvedAt, KeepFiringSince, LastEvaluatedAt);

    /// <summary>Takes the machine's new state; a new episode (inactive or resolved to pending or firing) forgets the acknowledgement.</summary>
    public void Apply(AlertStateSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var wasOpen = IsOpen;
        State = snapshot.State.ToString();
        PendingSince = snapshot.ActiveAt ?? (snapshot.State == AlertState.Resolved ? PendingSince : null);
        FiringSince = snapshot.FiredAt;
        ResolvedAt = snapshot.ResolvedAt;
        KeepFiringSince = snapshot.KeepFiringSince;
        LastEvaluatedAt = snapshot.LastEvaluatedAt;
        if (!wasOpen && IsOpen)
        {
            AckedBy = null;
            AckedAt = null;
            AckNote = null;
        }
        UpdatedAt = now;
    }

    public TriageEntry ToTriageEntry(DateTimeOffset now) =>
        new(Series, AlertSeverity, AlertState, PendingSince, FiringSince, ResolvedAt, IsSilenced(now));
}
