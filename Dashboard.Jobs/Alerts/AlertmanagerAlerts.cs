using Dashboard.Domain.Series;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Sources.Alertmanager;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Jobs.Alerts;

/// <summary>
/// Alertmanager's active alerts applied to the stored ones. Alertmanager only lists firing alerts,
/// so a listed alert is Firing since its <c>startsAt</c>, and one that is no longer listed has
/// Resolved now. Alerts labelled <c>severity="none"</c> (a watchdog that always fires to prove the
/// path works) are not triage material and are skipped. Pure: it changes the rows it is given and
/// returns the rows to add.
/// </summary>
public static class AlertmanagerAlerts
{
    public static IReadOnlyList<AlertRow> Apply(IReadOnlyList<AlertRow> existing, IReadOnlyList<AlertmanagerAlert> active, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(active);
        var rows = existing.Where(r => r.Source == AlertRow.AlertmanagerSource)
            .ToDictionary(r => (r.Metric, r.Entity, r.Severity));
        var listed = new HashSet<AlertRow>();
        var added = new List<AlertRow>();
        foreach (var alert in active)
        {
            if (AlertSeverities.FromLabel(alert.Labels.GetValueOrDefault("severity")) is not { } severity)
            {
                continue;
            }
            var key = (Metric: alert.Name.Length > 0 ? alert.Name : "(unnamed alert)", Entity: Entity(alert.Labels), Severity: severity.ToString());
            if (!rows.TryGetValue(key, out var row))
            {
                row = new AlertRow
                {
                    Source = AlertRow.AlertmanagerSource,
                    Metric = key.Metric,
                    Entity = key.Entity,
                    Severity = key.Severity,
                    State = nameof(AlertState.Inactive),
                };
                rows[key] = row;
                added.Add(row);
            }
            listed.Add(row);
            if (!row.IsOpen || row.FiringSince != alert.StartsAt)
            {
                // A new episode (or the first sight of one): Alertmanager's start is when it began firing.
                row.Apply(new AlertStateSnapshot(AlertState.Firing, alert.StartsAt, alert.StartsAt, null, null, now), now);
            }
            row.LastEvaluatedAt = now;
            row.Fingerprint = alert.Fingerprint;
            row.Labels = new Dictionary<string, string>(alert.Labels, StringComparer.Ordinal);
            row.Summary = Trim(alert.Annotations.GetValueOrDefault("summary") ?? alert.Annotations.GetValueOrDefault("description"), 1000);
            row.RunbookUrl = Trim(alert.Annotations.GetValueOrDefault("runbook_url"), 2000);
            row.GeneratorUrl = Trim(alert.GeneratorUrl, 2000);
            row.SilencedInAlertmanager = alert.IsSilenced;
            row.SourceStaleSince = null;
            row.SourceStaleReason = null;
            row.UpdatedAt = now;
        }

        foreach (var row in rows.Values.Where(r => r.IsOpen && !listed.Contains(r)))
        {
            row.Apply(new AlertStateSnapshot(AlertState.Resolved, null, row.FiringSince ?? row.PendingSince ?? now, now, null, now), now);
            row.SilencedInAlertmanager = false;
        }
        return added;
    }

    /// <summary>Alertmanager could not be read: its open alerts are held as they were, marked stale with the error.</summary>
    public static void HoldStale(IReadOnlyList<AlertRow> existing, DateTimeOffset staleSince, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(existing);
        foreach (var row in existing.Where(r => r.Source == AlertRow.AlertmanagerSource && r.IsOpen))
        {
            row.SourceStaleSince ??= staleSince;
            row.SourceStaleReason = Trim(reason, 1000);
            row.UpdatedAt = now;
        }
    }

    /// <summary>The alert's labels without alertname and severity, as <c>a="x",b="y"</c>: what distinguishes alerts of one name.</summary>
    public static string Entity(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Trim(LabelSet.Of(labels).Without("alertname", "severity").Text, 1000)!;
    }

    private static string? Trim(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
