using Dashboard.Components.Live;
using Dashboard.Components.Shared;
using Dashboard.Domain.Health;
using Dashboard.Services.Alerts;
using MudBlazor;

namespace Dashboard.Components.Engineer;

/// <summary>Alert triage in words (docs/ui.md: colour never alone, units and times on every number, stale is not zero).</summary>
public static class AlertFormat
{
    /// <summary>The panel's title: the answer to "what is firing?".</summary>
    public static string Title(IReadOnlyList<AlertView> alerts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var open = alerts.Where(a => a.IsOpen).ToList();
        var muted = open.Count(IsMuted);
        var firing = open.Where(a => a.State == AlertState.Firing && !IsMuted(a)).ToList();
        var pending = open.Count(a => a.State == AlertState.Pending && !IsMuted(a));
        var silenced = muted > 0 ? $" ({muted} silenced)" : "";
        if (firing.Count > 0)
        {
            var bySeverity = string.Join(", ", firing.GroupBy(a => a.Severity).OrderByDescending(g => g.Key)
                .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            var more = pending > 0 ? $"; {pending} pending" : "";
            return $"{Count(firing.Count, "alert")} firing: {bySeverity}{more}{silenced}";
        }
        return pending > 0 ? $"Nothing firing yet: {pending} pending{silenced}" : $"Nothing is firing{silenced}";
    }

    /// <summary>Where the alert is, with how long: "Firing for 12 min", "Pending 40 s of 5 min", "Resolved 14:05 (20 min ago)".</summary>
    public static string StateLine(AlertView alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.State switch
        {
            AlertState.Firing when alert.FiringSince is { } since => $"Firing for {Humanize.Duration(now - since)}",
            AlertState.Pending when alert.PendingSince is { } since => alert.SustainedForSeconds is int window && window > 0
                ? $"Pending {Humanize.Duration(now - since)} of {Humanize.Duration(TimeSpan.FromSeconds(window))}"
                : $"Pending for {Humanize.Duration(now - since)}",
            AlertState.Resolved when alert.ResolvedAt is { } at => $"Resolved {Humanize.Moment(at, now)}",
            _ => alert.State.ToString(),
        };
    }

    /// <summary>The last value with its unit, or why there is none.</summary>
    public static string ValueLine(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Value is not { } value || alert.Unit is not { } unit)
        {
            return alert.Source == "alertmanager" ? "see Alertmanager" : "no value";
        }
        return Humanize.Value(value, unit);
    }

    /// <summary>"at 14:05:10 (9 s ago)": when the value was measured.</summary>
    public static string? ValueTime(AlertView alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Value is not null && alert.ValueAt is { } at ? $"at {Humanize.Moment(at, now)}" : null;
    }

    /// <summary>"since 14:05:10", or "since Mar 13 09:12" when it is older than a day.</summary>
    public static string Since(DateTimeOffset at, DateTimeOffset now) =>
        "since " + (now - at < TimeSpan.FromDays(1) ? GaugeFormat.Clock(at) : Humanize.At(at));

    /// <summary>"warning &gt; 70 %, critical &gt; 90 %" (or "&lt;" when below is bad).</summary>
    public static string? LevelsLine(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Warning is not { } warning || alert.Critical is not { } critical || alert.Unit is not { } unit)
        {
            return null;
        }
        var side = alert.Direction == "BelowIsBad" ? "<" : ">";
        return $"warning {side} {Humanize.Value(warning, unit)}, critical {side} {Humanize.Value(critical, unit)}";
    }

    /// <summary>"stale since 14:02 · connection refused": the state is held, not evaluated.</summary>
    public static string? StaleLine(AlertView alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.SourceStaleSince is { } since
            ? $"Source stale since {Humanize.Moment(since, now)} · {alert.SourceStaleReason}; state held as last evaluated"
            : null;
    }

    public static string AckLine(AcknowledgementView ack, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ack);
        return $"Acknowledged by {ack.By} at {Humanize.Moment(ack.At, now)}" + (ack.Note is { Length: > 0 } note ? $": {note}" : "");
    }

    public static string SilenceLine(SilenceView silence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return $"Silenced until {Humanize.Moment(silence.Until, now)} by {silence.By}: {silence.Reason}";
    }

    /// <summary>"Alertmanager: stale since 14:02 (3 min ago), connection refused", or its live / off state.</summary>
    public static string SourceLine(string label, AlertSourceView source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.State switch
        {
            AlertSourceView.Live => $"{label}: live, read {Humanize.Moment(source.LastSuccessAt, now)}",
            AlertSourceView.Stale => $"{label}: stale since {Humanize.Moment(source.StaleSince, now)}, {source.Error}",
            AlertSourceView.Off => $"{label}: not configured",
            _ => $"{label}: not read yet",
        };
    }

    public static bool IsMuted(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Silence is not null || alert.SilencedInAlertmanager;
    }

    public static Color SeverityColour(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => Color.Error,
        AlertSeverity.Warning => Color.Warning,
        _ => Color.Info,
    };

    public static string SeverityIcon(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => Icons.Material.Filled.Error,
        AlertSeverity.Warning => Icons.Material.Filled.Warning,
        _ => Icons.Material.Filled.Info,
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
