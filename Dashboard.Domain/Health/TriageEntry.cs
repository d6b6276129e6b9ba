namespace Dashboard.Domain.Health;

/// <summary>What triage needs to know about one alert to decide whether to show it and where.</summary>
/// <param name="Series">What the alert watches (metric and entity, or an Alertmanager label set without its severity): alerts of one series inhibit each other by severity.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="ActiveAt">When its condition started holding (pending since).</param>
/// <param name="FiredAt">When it started firing.</param>
/// <param name="ResolvedAt">When it resolved.</param>
/// <param name="IsSilenced">Whether a silence mutes it now.</param>
public sealed record TriageEntry(
    string Series,
    AlertSeverity Severity,
    AlertState State,
    DateTimeOffset? ActiveAt,
    DateTimeOffset? FiredAt,
    DateTimeOffset? ResolvedAt,
    bool IsSilenced)
{
    /// <summary>Pending or firing.</summary>
    public bool IsOpen => State is AlertState.Pending or AlertState.Firing;

    /// <summary>Since when the alert has been in its present trouble: firing since, else pending since, else resolved at.</summary>
    public DateTimeOffset? Since => State switch
    {
        AlertState.Firing => FiredAt ?? ActiveAt,
        AlertState.Pending => ActiveAt,
        AlertState.Resolved => ResolvedAt,
        _ => null,
    };
}
