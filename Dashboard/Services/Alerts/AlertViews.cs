using Dashboard.Domain.Health;

namespace Dashboard.Services.Alerts;

/// <summary>What GET /api/v1/alerts answers and the triage panel shows: the alerts in triage order and the state of their sources.</summary>
public sealed record AlertTriageReport
{
    public required DateTimeOffset Now { get; init; }

    /// <summary>The dashboard's own evaluation, driven by the Prometheus ingest ("prometheus" source).</summary>
    public required AlertSourceView Evaluation { get; init; }

    /// <summary>Alertmanager's active alerts ("alertmanager" source); state "off" when Alertmanager:Url is empty.</summary>
    public required AlertSourceView Alertmanager { get; init; }

    /// <summary>Open alerts first (severity, then firing before pending, then oldest), then silenced, then resolved in the last 24 h.</summary>
    public required IReadOnlyList<AlertView> Alerts { get; init; }
}

/// <summary>A source of alerts: live, stale (since when, with its own error), off (not configured) or unknown (not read yet).</summary>
public sealed record AlertSourceView(string Name, string State, DateTimeOffset? LastSuccessAt, DateTimeOffset? StaleSince, string? Error)
{
    public const string Live = "live";
    public const string Stale = "stale";
    public const string Off = "off";
    public const string Unknown = "unknown";
}

/// <summary>One alert as an engineer triages it.</summary>
public sealed record AlertView
{
    public required long Id { get; init; }

    /// <summary>"dashboard" (evaluated from the gauges) or "alertmanager".</summary>
    public required string Source { get; init; }

    /// <summary>Catalog metric id, or the Alertmanager alertname.</summary>
    public required string Metric { get; init; }

    /// <summary>Display name ("CPU utilization").</summary>
    public required string Name { get; init; }

    /// <summary>The series' labels as a="x",b="y" ("" for none).</summary>
    public required string Entity { get; init; }

    public required AlertSeverity Severity { get; init; }
    public required AlertState State { get; init; }
    public DateTimeOffset? PendingSince { get; init; }
    public DateTimeOffset? FiringSince { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? LastEvaluatedAt { get; init; }

    /// <summary>The rule's sustained-for window (pending to firing), in seconds; 0 = at once.</summary>
    public int? SustainedForSeconds { get; init; }

    public double? Value { get; init; }
    public DateTimeOffset? ValueAt { get; init; }
    public string? Unit { get; init; }
    public double? Warning { get; init; }
    public double? Critical { get; init; }

    /// <summary>"AboveIsBad" or "BelowIsBad" for catalog metrics.</summary>
    public string? Direction { get; init; }

    /// <summary>Set while the source gives no usable value: the state is held as it was, not evaluated.</summary>
    public DateTimeOffset? SourceStaleSince { get; init; }
    public string? SourceStaleReason { get; init; }

    public string? Summary { get; init; }
    public string? GeneratorUrl { get; init; }
    public string? RunbookUrl { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public AcknowledgementView? Acknowledgement { get; init; }
    public SilenceView? Silence { get; init; }

    /// <summary>Muted by a silence in Alertmanager (ours or anyone's).</summary>
    public bool SilencedInAlertmanager { get; init; }

    public RunbookView? Runbook { get; init; }

    public bool IsOpen => State is AlertState.Pending or AlertState.Firing;
}

/// <summary>Who acknowledged the current episode, when, and their note.</summary>
public sealed record AcknowledgementView(string By, DateTimeOffset At, string? Note);

/// <summary>A silence in force: who, when, until when, why, and the Alertmanager silence id when one was created.</summary>
public sealed record SilenceView(string By, DateTimeOffset At, DateTimeOffset Until, string Reason, string? AlertmanagerSilenceId);

/// <summary>The metric's runbook hint (Domain RunbookCatalog), with the strategy it points to.</summary>
public sealed record RunbookView(string Title, IReadOnlyList<string> Checks, string? Strategy, string? StrategyGain, string Basis);

/// <summary>The outcome of an acknowledgement or a silence.</summary>
public sealed record AlertActionResult
{
    public AlertView? Alert { get; init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
    public bool NotFound { get; init; }
    public bool Forbidden { get; init; }

    /// <summary>The action does not apply to the alert as it is (e.g. acknowledging a resolved alert).</summary>
    public string? Conflict { get; init; }

    /// <summary>The silence is in force here, but Alertmanager refused it or could not be reached.</summary>
    public string? AlertmanagerError { get; init; }
}

/// <summary>A series' stored history around an alert, for its evidence chart.</summary>
public sealed record AlertEvidence(IReadOnlyList<(DateTimeOffset At, double Value)> Points, string Resolution, string? Note);
