using System.Security.Claims;
using Bunit;
using Dashboard.Components.Engineer;
using Dashboard.Domain.Health;
using Dashboard.Services.Alerts;
using Dashboard.Tests.Domain;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Web;

/// <summary>The triage table: empty, loading, failing, stale Alertmanager, pending vs firing, acknowledged and silenced, resolved, and the acknowledge dialog.</summary>
public sealed class AlertTriagePanelTests : MudBunitContext
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 14, 5, 0, TimeSpan.Zero);
    private static readonly AlertSourceView Live = new("prometheus", AlertSourceView.Live, Now.AddSeconds(-10), null, null);
    private static readonly AlertSourceView AlertmanagerLive = new("alertmanager", AlertSourceView.Live, Now.AddSeconds(-5), null, null);
    private readonly FakeTriage triage = new();

    public AlertTriagePanelTests()
    {
        Services.AddSingleton<IAlertTriage>(triage);
        Services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now));
        var auth = AddAuthorization();
        auth.SetAuthorized("engineer@demo.local");
        auth.SetRoles("engineer");
    }

    private static AlertView Alert(long id, AlertSeverity severity, AlertState state, string metric = "cpu", string name = "CPU utilization") => new()
    {
        Id = id,
        Source = "dashboard",
        Metric = metric,
        Name = name,
        Entity = "instance=\"web-1:9100\"",
        Severity = severity,
        State = state,
        PendingSince = Now.AddMinutes(-20),
        FiringSince = state == AlertState.Pending ? null : Now.AddMinutes(-12),
        ResolvedAt = state == AlertState.Resolved ? Now.AddMinutes(-3) : null,
        SustainedForSeconds = 300,
        Value = 93.4,
        ValueAt = Now.AddSeconds(-15),
        Unit = "%",
        Warning = 70,
        Critical = 90,
        Direction = "AboveIsBad",
        Runbook = new RunbookView("Profile, then scale", ["Profile the hot path."], "Vertical scaling", "reads +2-4x, writes +2-4x", "Principles."),
    };

    private static AlertTriageReport Report(AlertSourceView? alertmanager = null, params AlertView[] alerts) => new()
    {
        Now = Now,
        Evaluation = Live,
        Alertmanager = alertmanager ?? AlertmanagerLive,
        Alerts = alerts,
    };

    private IRenderedComponent<AlertTriagePanel> RenderPanel(AlertTriageReport report)
    {
        triage.Report = report;
        var cut = Render<AlertTriagePanel>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=alerts-loading]")));
        return cut;
    }

    private static string Text(IRenderedComponent<AlertTriagePanel> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void NoAlerts_SaysNothingIsFiring_ShowsBothSourcesLive()
    {
        var cut = RenderPanel(Report());

        Assert.Equal("Nothing is firing", Text(cut, "alerts-title"));
        Assert.Contains("No metric is past its warning level", Text(cut, "alerts-empty"));
        Assert.Equal("live", cut.Find("[data-testid=alerts-source-alertmanager]").GetAttribute("data-state"));
        Assert.StartsWith("Alertmanager: live, read", Text(cut, "alerts-source-alertmanager"));
        Assert.Empty(cut.FindAll("[data-testid=alert-row]"));
    }

    [Fact]
    public void Loading_SkeletonsUntilTheReportArrives()
    {
        triage.Pending = new TaskCompletionSource<AlertTriageReport>();
        var cut = Render<AlertTriagePanel>();

        Assert.NotEmpty(cut.FindAll("[data-testid=alerts-loading] .mud-skeleton"));
        Assert.Equal("Alerts: loading", Text(cut, "alerts-title"));

        triage.Pending.SetResult(Report());
        cut.WaitForAssertion(() => Assert.Equal("Nothing is firing", Text(cut, "alerts-title")));
    }

    [Fact]
    public void ReadFails_SaysWhatFailed()
    {
        triage.Failure = new InvalidOperationException("primary unreachable: connection refused");
        var cut = Render<AlertTriagePanel>();

        cut.WaitForAssertion(() => Assert.Contains("Could not read the alerts: primary unreachable: connection refused", Text(cut, "alerts-error")));
    }

    [Fact]
    public void AlertmanagerStale_SaysSinceWhenAndItsError_DashboardAlertsStillListed()
    {
        var stale = new AlertSourceView("alertmanager", AlertSourceView.Stale, Now.AddMinutes(-4), Now.AddMinutes(-4),
            "Alertmanager request to http://127.0.0.1:9093/api/v2/alerts failed (unreachable): connection refused");

        var cut = RenderPanel(Report(stale, Alert(1, AlertSeverity.Critical, AlertState.Firing)));

        var line = Text(cut, "alerts-source-alertmanager");
        Assert.Contains("Alertmanager: stale since", line);
        Assert.Contains("(4 min ago), Alertmanager request to http://127.0.0.1:9093/api/v2/alerts failed (unreachable): connection refused", line);
        Assert.Contains("the dashboard's own alerts are unaffected", line);
        Assert.Single(cut.FindAll("[data-testid=alert-row]"));
    }

    [Fact]
    public void AlertmanagerOff_SaysHowToTurnItOn()
    {
        var cut = RenderPanel(Report(new AlertSourceView("alertmanager", AlertSourceView.Off, null, null, null)));

        Assert.Contains("Alertmanager: not configured (set Alertmanager:Url", Text(cut, "alerts-source-alertmanager"));
    }

    [Fact]
    public void PendingAndFiring_TitleCountsFiring_StatesSayHowLong_InTheOrderGiven()
    {
        var cut = RenderPanel(Report(null,
            Alert(1, AlertSeverity.Critical, AlertState.Firing),
            Alert(2, AlertSeverity.Warning, AlertState.Pending, "latency_p99", "p99 response time") with { SustainedForSeconds = 300, PendingSince = Now.AddSeconds(-40) }));

        Assert.Equal("1 alert firing: 1 critical; 1 pending", Text(cut, "alerts-title"));
        var rows = cut.FindAll("[data-testid=alert-row]");
        Assert.Equal(["Firing", "Pending"], rows.Select(r => r.GetAttribute("data-state")));
        Assert.Contains("Firing for 12 min", rows[0].QuerySelector("[data-testid=alert-state]")!.TextContent);
        Assert.Contains("Pending 40 s of 5 min", rows[1].QuerySelector("[data-testid=alert-state]")!.TextContent);
        Assert.Contains("Critical", rows[0].QuerySelector("[data-testid=alert-severity]")!.TextContent);
        Assert.Contains("93.4 %", rows[0].TextContent);
        Assert.Contains("warning > 70 %, critical > 90 %", rows[0].TextContent);
    }

    [Fact]
    public void AcknowledgedAndSilenced_ShowWhoWhenAndWhy_ActionsFollow()
    {
        var acked = Alert(1, AlertSeverity.Critical, AlertState.Firing) with
        {
            Acknowledgement = new AcknowledgementView("engineer@demo.local", Now.AddMinutes(-2), "restarting the worker"),
        };
        var silenced = Alert(2, AlertSeverity.Warning, AlertState.Firing, "disk", "Disk usage") with
        {
            Silence = new SilenceView("owner@demo.local", Now.AddMinutes(-30), Now.AddHours(4), "volume resize scheduled", "5a1e"),
        };

        var cut = RenderPanel(Report(null, acked, silenced));

        var rows = cut.FindAll("[data-testid=alert-row]");
        Assert.Contains("Acknowledged by engineer@demo.local at", rows[0].QuerySelector("[data-testid=alert-ack]")!.TextContent);
        Assert.Contains("(2 min ago): restarting the worker", rows[0].QuerySelector("[data-testid=alert-ack]")!.TextContent);
        Assert.Null(rows[0].QuerySelector("[data-testid=alert-ack-button]"));
        Assert.Contains("by owner@demo.local: volume resize scheduled", rows[1].QuerySelector("[data-testid=alert-silence]")!.TextContent);
        Assert.NotNull(rows[1].QuerySelector("[data-testid=alert-unsilence-button]"));
        Assert.Contains("alert-muted", rows[1].GetAttribute("class"));
        Assert.Equal("1 alert firing: 1 critical (1 silenced)", Text(cut, "alerts-title"));
    }

    [Fact]
    public void Resolved_GreyedWithWhenItResolved_NoAcknowledgeButton()
    {
        var cut = RenderPanel(Report(null, Alert(1, AlertSeverity.Warning, AlertState.Resolved)));

        var row = cut.Find("[data-testid=alert-row]");
        Assert.Contains("alert-resolved", row.GetAttribute("class"));
        Assert.Contains("Warning · resolved", row.QuerySelector("[data-testid=alert-severity]")!.TextContent);
        Assert.Contains("fired for 9 min", row.TextContent);
        Assert.Null(row.QuerySelector("[data-testid=alert-ack-button]"));
        Assert.Equal("Nothing is firing", Text(cut, "alerts-title"));
    }

    [Fact]
    public void SourceStaleAlert_SaysTheStateIsHeld()
    {
        var cut = RenderPanel(Report(null, Alert(1, AlertSeverity.Warning, AlertState.Firing) with
        {
            SourceStaleSince = Now.AddMinutes(-6),
            SourceStaleReason = "Prometheus at http://127.0.0.1:9090 unreachable: connection refused",
        }));

        var stale = Text(cut, "alert-stale");
        Assert.Contains("Source stale since", stale);
        Assert.Contains("(6 min ago) · Prometheus at http://127.0.0.1:9090 unreachable: connection refused; state held", stale);
    }

    [Fact]
    public void Expand_DashboardAlert_EvidenceChartWithLevelsAndRunbook()
    {
        triage.Evidence = new AlertEvidence([(Now.AddHours(-2), 60), (Now.AddHours(-1), 80), (Now, 93)], "FiveMinutes", null);
        var cut = RenderPanel(Report(null, Alert(1, AlertSeverity.Critical, AlertState.Firing)));

        cut.Find("[data-testid=alert-expand]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=forecast-chart][data-metric=cpu]")));
        Assert.Contains("critical 90 %", cut.Find("[data-testid=forecast-chart]").TextContent);
        Assert.Contains("history (5-minute average)", cut.Find("[data-testid=forecast-chart]").TextContent);
        Assert.DoesNotContain("forecast", cut.Find("figcaption").TextContent);
        Assert.Contains("Profile, then scale", Text(cut, "alert-runbook"));
    }

    [Fact]
    public void Expand_AlertmanagerAlert_NoStoredHistory_LinksToItsRunbook()
    {
        var fromAlertmanager = Alert(7, AlertSeverity.Critical, AlertState.Firing, "PostgresDown", "PostgresDown") with
        {
            Source = "alertmanager",
            Runbook = null,
            RunbookUrl = "https://runbooks.example/PostgresDown",
            Labels = new Dictionary<string, string> { ["alertname"] = "PostgresDown", ["instance"] = "db1" },
        };
        var cut = RenderPanel(Report(null, fromAlertmanager));

        cut.Find("[data-testid=alert-expand]").Click();

        Assert.Contains("no stored history here", Text(cut, "alert-evidence-note"));
        Assert.Equal("https://runbooks.example/PostgresDown", cut.Find("[data-testid=alert-runbook] a").GetAttribute("href"));
        Assert.Equal(0, triage.EvidenceCalls);
    }

    [Fact]
    public void Acknowledge_ConfirmInDialog_SendsTheNoteAsTheSignedInUser()
    {
        var provider = Render<MudDialogProvider>();
        var cut = RenderPanel(Report(null, Alert(1, AlertSeverity.Critical, AlertState.Firing)));

        cut.Find("[data-testid=alert-ack-button]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Recorded as engineer@demo.local", provider.Find(".mud-dialog").TextContent));
        provider.Find("textarea[data-testid=ack-note], [data-testid=ack-note] textarea").Input("draining the queue");
        provider.Find("[data-testid=ack-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(("engineer@demo.local", 1L, "draining the queue"), triage.Acknowledged));
        Assert.Equal(2, triage.GetCalls); // reloaded after the change
    }

    [Fact]
    public void Silence_DialogChecksAsYouType_ThenSendsUntilAndReason()
    {
        var provider = Render<MudDialogProvider>();
        var cut = RenderPanel(Report(null, Alert(1, AlertSeverity.Critical, AlertState.Firing)));

        cut.Find("[data-testid=alert-silence-button]").Click();
        provider.WaitForAssertion(() => Assert.Contains("also created in Alertmanager", provider.Find(".mud-dialog").TextContent));
        Assert.True(provider.Find("[data-testid=silence-confirm]").HasAttribute("disabled"));
        Assert.Contains("Silence reason is required", provider.Find(".mud-dialog").TextContent);

        provider.Find("input[data-testid=silence-hours], [data-testid=silence-hours] input").Input("200");
        provider.Find("textarea[data-testid=silence-reason], [data-testid=silence-reason] textarea").Input("volume resize tonight");
        provider.WaitForAssertion(() => Assert.Contains("at most 7 days from now", provider.Find(".mud-dialog").TextContent));
        Assert.True(provider.Find("[data-testid=silence-confirm]").HasAttribute("disabled"));

        provider.Find("input[data-testid=silence-hours], [data-testid=silence-hours] input").Input("6");
        provider.WaitForAssertion(() => Assert.False(provider.Find("[data-testid=silence-confirm]").HasAttribute("disabled")));
        provider.Find("[data-testid=silence-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal((1L, Now.AddHours(6), "volume resize tonight"), triage.Silenced));
    }

    private sealed class FakeTriage : IAlertTriage
    {
        public AlertTriageReport Report { get; set; } = null!;
        public TaskCompletionSource<AlertTriageReport>? Pending { get; set; }
        public Exception? Failure { get; set; }
        public AlertEvidence Evidence { get; set; } = new([], "", "none");
        public (string?, long, string?)? Acknowledged { get; private set; }
        public (long, DateTimeOffset?, string?)? Silenced { get; private set; }
        public int GetCalls { get; private set; }
        public int EvidenceCalls { get; private set; }

        public Task<AlertTriageReport> GetAsync(CancellationToken cancellationToken)
        {
            GetCalls++;
            return Failure is not null ? Task.FromException<AlertTriageReport>(Failure) : Pending?.Task ?? Task.FromResult(Report);
        }

        public Task<AlertActionResult> AcknowledgeAsync(ClaimsPrincipal user, long id, string? note, CancellationToken cancellationToken)
        {
            Acknowledged = (user.Identity?.Name, id, note);
            return Task.FromResult(new AlertActionResult());
        }

        public Task<AlertActionResult> SilenceAsync(ClaimsPrincipal user, long id, DateTimeOffset? until, string? reason, CancellationToken cancellationToken)
        {
            Silenced = (id, until, reason);
            return Task.FromResult(new AlertActionResult());
        }

        public Task<AlertActionResult> ExpireSilenceAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken) =>
            Task.FromResult(new AlertActionResult());

        public Task<AlertEvidence> GetEvidenceAsync(AlertView alert, CancellationToken cancellationToken)
        {
            EvidenceCalls++;
            return Task.FromResult(Evidence);
        }
    }
}
