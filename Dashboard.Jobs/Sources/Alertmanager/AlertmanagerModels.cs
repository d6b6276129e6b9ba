namespace Dashboard.Jobs.Sources.Alertmanager;

/// <summary>Alertmanager's state of an alert (<c>status.state</c>).</summary>
public enum AlertmanagerAlertState
{
    /// <summary>Received, not yet matched against silences and inhibitions.</summary>
    Unprocessed,

    /// <summary>Firing and notified.</summary>
    Active,

    /// <summary>Firing but muted by a silence or an inhibition (see <see cref="AlertmanagerAlert.SilencedBy"/>, <see cref="AlertmanagerAlert.InhibitedBy"/>).</summary>
    Suppressed,
}

/// <summary>One alert Alertmanager holds (GET /api/v2/alerts).</summary>
/// <param name="Fingerprint">Alertmanager's identity of the label set.</param>
/// <param name="Labels">Identifying labels, including <c>alertname</c> (and the sender's external labels).</param>
/// <param name="Annotations">Informational text (summary, description, runbook_url, ...).</param>
/// <param name="State">Active, suppressed or unprocessed.</param>
/// <param name="StartsAt">When the alert started firing.</param>
/// <param name="EndsAt">When it resolves unless the sender refreshes it (Prometheus re-sends while it fires).</param>
/// <param name="SilencedBy">Ids of the silences muting it.</param>
/// <param name="InhibitedBy">Fingerprints of the alerts inhibiting it.</param>
/// <param name="GeneratorUrl">Link back to the sender's expression, when it sent one.</param>
public sealed record AlertmanagerAlert(
    string Fingerprint,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    AlertmanagerAlertState State,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    IReadOnlyList<string> SilencedBy,
    IReadOnlyList<string> InhibitedBy,
    string? GeneratorUrl)
{
    /// <summary>The <c>alertname</c> label ("" when the sender left it out).</summary>
    public string Name => Labels.GetValueOrDefault("alertname", "");

    public bool IsSilenced => SilencedBy.Count > 0;

    public bool IsInhibited => InhibitedBy.Count > 0;
}

/// <summary>
/// One matcher of a silence: label <paramref name="Name"/> equals (or, with <paramref name="IsRegex"/>,
/// fully matches) <paramref name="Value"/>; <paramref name="IsEqual"/> false negates it (<c>!=</c>, <c>!~</c>).
/// </summary>
public sealed record AlertmanagerMatcher(string Name, string Value, bool IsRegex = false, bool IsEqual = true)
{
    /// <summary>Matches exactly the label set of <paramref name="alert"/>: a silence for that one alert.</summary>
    public static IReadOnlyList<AlertmanagerMatcher> ForAlert(AlertmanagerAlert alert) =>
        [.. alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new AlertmanagerMatcher(l.Key, l.Value))];
}

/// <summary>What GET /api/v2/status tells about the server.</summary>
/// <param name="Version">Alertmanager's version, e.g. 0.25.0.</param>
/// <param name="StartedAt">When this Alertmanager started.</param>
/// <param name="ClusterStatus">ready, settling or disabled.</param>
public sealed record AlertmanagerStatus(string Version, DateTimeOffset StartedAt, string ClusterStatus);
