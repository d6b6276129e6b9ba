using Dashboard.Domain.Series;
using System.Globalization;
using System.Security.Claims;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Security;
using Dashboard.Jobs.Sources.Alertmanager;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Services.Alerts;

/// <summary>
/// Reads the alerts table from the primary, uncached: what is firing must not itself be stale, and an
/// engineer must see their own acknowledgement at once (decision 014). Acknowledgements and silences are
/// written there with an audit row; a silence is also created in Alertmanager when it is configured,
/// and its id kept so that ending the silence expires it there too.
/// </summary>
public sealed class AlertTriageService(
    IDbContextFactory<DashboardDbContext> writes,
    SourceStatusTracker sources,
    AlertmanagerClient alertmanager,
    ObservationHistory history,
    TimeProvider time) : IAlertTriage
{
    /// <summary>The evidence chart shows at least this much history, and starts an hour before the alert when that is earlier.</summary>
    public static readonly TimeSpan EvidenceWindow = TimeSpan.FromHours(6);

    private static readonly TimeSpan MaxEvidenceWindow = TimeSpan.FromDays(7);

    public async Task<AlertTriageReport> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now - AlertTriage.ResolvedVisibleFor;
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var rows = await db.Alerts.AsNoTracking()
            .Where(a => a.State == nameof(AlertState.Pending) || a.State == nameof(AlertState.Firing)
                || (a.State == nameof(AlertState.Resolved) && a.ResolvedAt >= since))
            .ToListAsync(cancellationToken);
        var statuses = await sources.GetAllAsync(cancellationToken);
        var names = await NamesAsync(db, cancellationToken);
        return new AlertTriageReport
        {
            Now = now,
            Evaluation = Source(statuses, PrometheusIngestJob.Source, configured: true),
            Alertmanager = Source(statuses, AlertmanagerSyncJob.Source, alertmanager.IsConfigured),
            Alerts = [.. AlertTriage.Arrange(rows, r => r.ToTriageEntry(now), now).Select(r => ToView(r, now, names))],
        };
    }

    public Task<AlertActionResult> AcknowledgeAsync(ClaimsPrincipal user, long id, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(user, id, (db, row, actor, now) => Task.FromResult(Acknowledge(db, row, actor, now, note)), cancellationToken);

    /// <summary>
    /// Checked first, then saved with its audit row, and only after that commit created in Alertmanager
    /// (decision 027): a request the database refuses never leaves a silence behind in Alertmanager. If
    /// saving Alertmanager's id fails, the new Alertmanager silence is expired again.
    /// </summary>
    public async Task<AlertActionResult> SilenceAsync(ClaimsPrincipal user, long id, DateTimeOffset? until, string? reason, CancellationToken cancellationToken)
    {
        AuditEntryRow? audit = null;
        var result = await ChangeAsync(user, id, (db, row, actor, now) =>
        {
            if (Errors(AlertActionRules.CheckSilence(now, until, reason)) is { } errors)
            {
                return Task.FromResult(new AlertActionResult { Errors = errors });
            }
            row.SilencedBy = actor;
            row.SilencedAt = now;
            row.SilencedUntil = until;
            row.SilenceReason = Clean(reason);
            audit = Audit(db, now, actor, "alert.silence", row, $"until {until:yyyy-MM-dd HH:mm} UTC: {row.SilenceReason}");
            return Task.FromResult(new AlertActionResult());
        }, cancellationToken, afterCommit: alertmanager.IsConfigured
            ? (db, row, actor, now) => SilenceInAlertmanagerAsync(db, row, actor, now, audit!, cancellationToken)
            : null);
        return result;
    }

    /// <summary>Mirrors a committed silence into Alertmanager; returns Alertmanager's error, if any.</summary>
    private async Task<string?> SilenceInAlertmanagerAsync(
        DashboardDbContext db, AlertRow row, string actor, DateTimeOffset now, AuditEntryRow audit, CancellationToken cancellationToken)
    {
        await ExpireInAlertmanagerAsync(row, cancellationToken);
        string? created = null;
        string? amError = null;
        try
        {
            created = await alertmanager.CreateSilenceAsync(Matchers(row), now, row.SilencedUntil!.Value, actor, row.SilenceReason!, cancellationToken);
        }
        catch (AlertmanagerException ex)
        {
            amError = ex.Message;
        }
        row.AlertmanagerSilenceId = created;
        audit.Details += created is not null ? $"; Alertmanager silence {created}" : $"; not in Alertmanager: {amError}";
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch when (created is not null)
        {
            // A silence the database does not know would never be ended from here.
            await ExpireQuietlyAsync(created);
            throw;
        }
        return amError;
    }

    private async Task ExpireQuietlyAsync(string silenceId)
    {
        try
        {
            await alertmanager.ExpireSilenceAsync(silenceId, CancellationToken.None);
        }
        catch (AlertmanagerException)
        {
            // It ends by itself at its end time, at most seven days away.
        }
    }

    public Task<AlertActionResult> ExpireSilenceAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken) =>
        ChangeAsync(user, id, async (db, row, actor, now) =>
        {
            if (!(row.SilencedUntil > now))
            {
                return new AlertActionResult { Conflict = $"Alert {id} is not silenced." };
            }
            var amError = await ExpireInAlertmanagerAsync(row, cancellationToken);
            row.SilencedUntil = now;
            Audit(db, now, actor, "alert.unsilence", row, amError is null ? "silence ended" : $"silence ended here; Alertmanager: {amError}");
            return new AlertActionResult { AlertmanagerError = amError };
        }, cancellationToken);

    public async Task<AlertEvidence> GetEvidenceAsync(AlertView alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Source != AlertRow.DashboardSource)
        {
            return new AlertEvidence([], "", "Alertmanager alerts have no stored history here; follow the alert's source link.");
        }
        var to = time.GetUtcNow();
        var start = alert.PendingSince ?? alert.FiringSince ?? to;
        var from = start.AddHours(-1) < to - EvidenceWindow ? start.AddHours(-1) : to - EvidenceWindow;
        if (to - from > MaxEvidenceWindow)
        {
            from = to - MaxEvidenceWindow;
        }
        var series = await history.GetAsync(alert.Metric, alert.Entity, from, to, HistoryResolution.Auto, cancellationToken);
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Avg)).OrderBy(p => p.Time).Select(p => (p.Time, p.Avg)).ToList();
        return new AlertEvidence(points, series.Count > 0 ? series[0].Resolution.ToString() : "", points.Count == 0 ? "No stored values for this series in the window yet." : null);
    }

    private static AlertActionResult Acknowledge(DashboardDbContext db, AlertRow row, string actor, DateTimeOffset now, string? note)
    {
        if (Errors(AlertActionRules.CheckAcknowledgement(note)) is { } errors)
        {
            return new AlertActionResult { Errors = errors };
        }
        if (!row.IsOpen)
        {
            return new AlertActionResult { Conflict = $"Alert {row.Id} is {row.State.ToLowerInvariant()}; only a pending or firing alert can be acknowledged." };
        }
        row.AckedBy = actor;
        row.AckedAt = now;
        row.AckNote = Clean(note);
        Audit(db, now, actor, "alert.ack", row, row.AckNote is { } n ? $"note: {n}" : "no note");
        return new AlertActionResult();
    }

    private async Task<AlertActionResult> ChangeAsync(
        ClaimsPrincipal user, long id,
        Func<DashboardDbContext, AlertRow, string, DateTimeOffset, Task<AlertActionResult>> change,
        CancellationToken cancellationToken,
        Func<DashboardDbContext, AlertRow, string, DateTimeOffset, Task<string?>>? afterCommit = null)
    {
        if (!user.IsInRole(Roles.Owner) && !user.IsInRole(Roles.Engineer))
        {
            return new AlertActionResult { Forbidden = true };
        }
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        if (await db.Alerts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } row)
        {
            return new AlertActionResult { NotFound = true };
        }
        var now = time.GetUtcNow();
        var result = await change(db, row, user.Identity?.Name ?? "unknown", now);
        if (result.Errors is not null || result.Conflict is not null)
        {
            return result;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (afterCommit is not null)
        {
            result = result with { AlertmanagerError = await afterCommit(db, row, user.Identity?.Name ?? "unknown", now) };
        }
        return result with { Alert = ToView(row, now, await NamesAsync(db, cancellationToken)) };
    }

    /// <summary>Expires the alert's Alertmanager silence, if it has one; returns Alertmanager's error, if any.</summary>
    private async Task<string?> ExpireInAlertmanagerAsync(AlertRow row, CancellationToken cancellationToken)
    {
        if (row.AlertmanagerSilenceId is not { } silenceId || !alertmanager.IsConfigured)
        {
            return null;
        }
        try
        {
            await alertmanager.ExpireSilenceAsync(silenceId, cancellationToken);
            row.AlertmanagerSilenceId = null;
            return null;
        }
        catch (AlertmanagerException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// An Alertmanager alert: its exact label set. A dashboard alert: <c>metric</c>, <c>severity</c> and the
    /// series' labels, the labels a Prometheus rule on the same catalog threshold carries (decision 014).
    /// </summary>
    internal static IReadOnlyList<AlertmanagerMatcher> Matchers(AlertRow row)
    {
        if (row.Source == AlertRow.AlertmanagerSource && row.Labels.Count > 0)
        {
            return [.. row.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new AlertmanagerMatcher(l.Key, l.Value))];
        }
        return
        [
            new AlertmanagerMatcher("metric", row.Metric),
            new AlertmanagerMatcher("severity", row.Severity.ToLowerInvariant()),
            .. (LabelSet.TryParse(row.Entity, out var labels) ? labels.Labels : []).Where(l => l.Key is not ("metric" or "severity")).Select(l => new AlertmanagerMatcher(l.Key, l.Value)),
        ];
    }

    private static AlertSourceView Source(IReadOnlyList<SourceStatusRow> statuses, string name, bool configured)
    {
        if (!configured)
        {
            return new AlertSourceView(name, AlertSourceView.Off, null, null, null);
        }
        if (statuses.FirstOrDefault(s => s.Source == name) is not { } status)
        {
            return new AlertSourceView(name, AlertSourceView.Unknown, null, null, null);
        }
        return new AlertSourceView(name, status.IsStale ? AlertSourceView.Stale : AlertSourceView.Live, status.LastSuccessAt, status.StaleSince, status.LastError);
    }

    // The resources' display names (built-ins and user-defined), for the dashboard's own alerts.
    private static async Task<Dictionary<string, string>> NamesAsync(DashboardDbContext db, CancellationToken cancellationToken) =>
        await db.MetricSettings.AsNoTracking().ToDictionaryAsync(m => m.MetricId, m => m.Name, StringComparer.Ordinal, cancellationToken);

    private static AlertView ToView(AlertRow row, DateTimeOffset now, IReadOnlyDictionary<string, string> names)
    {
        var hint = row.Source == AlertRow.DashboardSource ? RunbookCatalog.For(row.Metric) : null;
        var strategy = hint?.Strategy is { } id ? ScalingStrategyCatalog.Get(id) : null;
        return new AlertView
        {
            Id = row.Id,
            Source = row.Source,
            Metric = row.Metric,
            Name = row.Source == AlertRow.DashboardSource && names.TryGetValue(row.Metric, out var name) ? name : row.Metric,
            Entity = row.Entity,
            Severity = row.AlertSeverity,
            State = row.AlertState,
            PendingSince = row.PendingSince,
            FiringSince = row.FiringSince,
            ResolvedAt = row.ResolvedAt,
            LastEvaluatedAt = row.LastEvaluatedAt,
            SustainedForSeconds = row.SustainedForSeconds,
            Value = row.LastValue,
            ValueAt = row.LastValueAt,
            Unit = row.Unit,
            Warning = row.Warning,
            Critical = row.Critical,
            Direction = row.Direction,
            SourceStaleSince = row.SourceStaleSince,
            SourceStaleReason = row.SourceStaleReason,
            Summary = row.Summary,
            GeneratorUrl = row.GeneratorUrl,
            RunbookUrl = row.RunbookUrl,
            Labels = row.Source == AlertRow.AlertmanagerSource ? row.Labels : null,
            Acknowledgement = row.AckedBy is { } by && row.AckedAt is { } at ? new AcknowledgementView(by, at, row.AckNote) : null,
            Silence = row.SilencedUntil > now && row.SilencedBy is { } who
                ? new SilenceView(who, row.SilencedAt ?? now, row.SilencedUntil.Value, row.SilenceReason ?? "", row.AlertmanagerSilenceId)
                : null,
            SilencedInAlertmanager = row.SilencedInAlertmanager,
            Runbook = hint is null ? null : new RunbookView(hint.Title, hint.Checks, strategy?.Name,
                strategy is null ? null : $"reads {Gain(strategy.ReadGain)}, writes {Gain(strategy.WriteGain)}", hint.Basis),
        };
    }

    private static AuditEntryRow Audit(DashboardDbContext db, DateTimeOffset now, string actor, string action, AlertRow row, string details)
    {
        var subject = $"alert {row.Id} {row.Metric}/{row.Severity.ToLowerInvariant()}";
        var entry = new AuditEntryRow
        {
            At = now,
            Actor = actor,
            Action = action,
            Subject = subject.Length <= 128 ? subject : subject[..128],
            Details = string.IsNullOrEmpty(row.Entity) ? details : $"{row.Entity}: {details}",
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    private static Dictionary<string, string[]>? Errors(IReadOnlyList<InputProblem> problems) => InputProblems.ByField(problems);

    private static string Gain(GainRange gain) =>
        gain.Min == 1 && gain.Max == 1 ? "same" : string.Create(CultureInfo.InvariantCulture, $"+{gain.Min:0.#}-{gain.Max:0.#}x");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
