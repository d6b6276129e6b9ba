using System.Security.Claims;
using System.Text.Json;
using Dashboard.Api;
using Dashboard.Api.Responses;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;
using Dashboard.Health;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Readings;
using Dashboard.Services.Alerts;
using Dashboard.Services.Checklist;
using Dashboard.Services.Forecasts;
using Dashboard.Services.Reports;

namespace Dashboard.Tests.Web;

/// <summary>
/// The named answers of <c>/api/v1</c> write the same JSON as the anonymous objects they replaced, byte for byte, with
/// the API's own serializer settings (web defaults, nulls left out, enums as names). Each "before" below is the handler's
/// old anonymous object, kept verbatim.
/// </summary>
public sealed class ApiResponseShapeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 14, 5, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Options = ApiOptions();

    private static JsonSerializerOptions ApiOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }

    // As the HTTP writer does: the value's runtime type at the top.
    private static void AssertSameJson(object before, object after) =>
        Assert.Equal(JsonSerializer.Serialize(before, before.GetType(), Options), JsonSerializer.Serialize(after, after.GetType(), Options));

    [Fact]
    public void Forecasts_SameAsTheAnonymousAnswer_WithAndWithoutForecasts()
    {
        IReadOnlyList<ForecastSummary> summaries =
        [
            Summary("disk", "instance=\"db1:9100\"", Now.AddHours(-2)) with { Now = Reading("disk", 61.5) },
            Summary("cpu", "", Now.AddHours(-1)),
        ];
        IReadOnlyList<ForecastSummary> none = [];

        foreach (var list in new[] { summaries, none })
        {
            var before = new { computedAt = list.Count > 0 ? list.Max(s => s.ComputedAt) : (DateTimeOffset?)null, forecasts = list };
            AssertSameJson(before, ForecastList.Of(list));
        }
        Assert.DoesNotContain("computedAt", JsonSerializer.Serialize(ForecastList.Of(none), Options), StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_SameAsTheAnonymousAnswer_WithAndWithoutABottleneck()
    {
        var cpu = new ResourceProjection("cpu", "CPU utilization", "%", 40, 120, true, ThresholdBreach.Critical, 1.8, 2.1, "Grows in step with load.")
        {
            InWords = "grows in step with load",
        };
        var latency = new ResourceProjection("latency_p99", "p99 latency", "ms", 180, 240, false, ThresholdBreach.None, null, null, "M/M/1 on the bottleneck.");
        IReadOnlyList<WhatIfRow> rows =
        [
            new(cpu, "instance=\"web-1:9100\"", Reading("cpu", 40)),
            new(latency, "", Reading("latency_p99", 180) with { Status = HealthStatus.Stale, StaleReason = "Prometheus unreachable", Since = Now.AddMinutes(-5) }),
        ];
        var report = new WhatIfReport(3, [cpu, latency], [new NotProjectedMetric("disk", "Disk grows with time, not load.")]);
        var withBottleneck = new WhatIfView(report, rows) { Bottleneck = "cpu{instance=\"web-1:9100\"}", BottleneckNow = Reading("cpu", 40) };
        var without = new WhatIfView(report with { NotProjected = [] }, rows);

        foreach (var view in new[] { withBottleneck, without })
        {
            var before = new
            {
                view.Report.Multiplier,
                view.Report.Headline,
                view.Bottleneck,
                view.BottleneckNow,
                resources = view.Rows.Select(r => new
                {
                    r.Projection.MetricId,
                    r.Projection.Name,
                    r.Entity,
                    r.Projection.Unit,
                    r.Now,
                    r.Projection.Current,
                    r.Projection.Projected,
                    r.Projection.Saturated,
                    r.Projection.Breach,
                    r.Projection.WarningAtMultiplier,
                    r.Projection.CriticalAtMultiplier,
                    r.Projection.Model,
                }),
                view.Report.NotProjected,
            };
            AssertSameJson(before, WhatIfAnswer.Of(view));
        }
    }

    [Fact]
    public void Sources_SameAsTheAnonymousAnswer_LiveStaleAndBackfilled()
    {
        SourceStatusRow[] rows =
        [
            new() { Source = "prometheus", LastSuccessAt = Now, LastAttemptAt = Now, IngestedThrough = Now.AddMinutes(-1) },
            new() { Source = "postgres:primary", LastSuccessAt = Now.AddHours(-1), StaleSince = Now.AddMinutes(-50), LastError = "connection refused" },
            new()
            {
                Source = "prometheus:cpu", LastSuccessAt = Now, IngestedThrough = Now, LastBackfillAt = Now.AddMinutes(-10),
                LastBackfillSeconds = 3600, LastBackfillStepSeconds = 60, LastBackfillSkippedSeconds = 0,
            },
            new() { Source = "alertmanager", LastBackfillAt = Now },
        ];

        var before = rows.Select(s => new
        {
            source = s.Source,
            state = s.IsStale ? "stale" : "live",
            lastSuccessAt = s.LastSuccessAt,
            staleSince = s.StaleSince,
            error = s.LastError,
            ingestedThrough = s.IngestedThrough,
            lastBackfill = s.LastBackfillAt is null ? null : new
            {
                at = s.LastBackfillAt,
                seconds = s.LastBackfillSeconds,
                stepSeconds = s.LastBackfillStepSeconds,
                skippedSeconds = s.LastBackfillSkippedSeconds,
            },
        }).ToList();
        AssertSameJson(before, rows.Select(SourceStatusView.Of).ToList());
    }

    [Fact]
    public void Dependencies_SameAsTheAnonymousAnswer()
    {
        DependencyState[] states =
        [
            new("primary", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, "", Now),
            new("redis", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, "timeout", Now),
        ];

        var before = states.Select(d => new { name = d.Name, status = d.Status.ToString(), description = d.Description, checkedAt = d.CheckedAt }).ToList();
        AssertSameJson(before, states.Select(DependencyView.Of).ToList());
    }

    [Fact]
    public void Me_SameAsTheAnonymousAnswer_NamedAndNameless()
    {
        var named = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "owner@demo.local"), new Claim(ClaimTypes.Role, "pm"), new Claim(ClaimTypes.Role, "engineer")], "test"));
        var nameless = new ClaimsPrincipal(new ClaimsIdentity());

        foreach (var user in new[] { named, nameless })
        {
            var before = new
            {
                name = user.Identity?.Name,
                roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order().ToArray(),
            };
            AssertSameJson(before, SignedInUser.Of(user));
        }
    }

    [Fact]
    public void AlertAction_SameAsTheAnonymousAnswer_WithAndWithoutAlertmanagersRefusal()
    {
        var alert = new AlertView
        {
            Id = 7, Source = "dashboard", Metric = "cpu", Name = "CPU utilization", Entity = "", Severity = AlertSeverity.Critical,
            State = AlertState.Firing, FiringSince = Now.AddMinutes(-12), Value = 93.4, Unit = "%",
            Silence = new SilenceView("engineer@demo.local", Now, Now.AddHours(1), "deploy", null),
        };

        foreach (var result in new[] { new AlertActionResult { Alert = alert }, new AlertActionResult { Alert = alert, AlertmanagerError = "Alertmanager refused: 400" } })
        {
            var before = new { alert = result.Alert, alertmanagerError = result.AlertmanagerError };
            AssertSameJson(before, new AlertActionView(result.Alert, result.AlertmanagerError));
        }
    }

    [Fact]
    public void SmallAnswers_SameAsTheAnonymousAnswers()
    {
        var id = Guid.Parse("6f1c2a8e-5d4b-4c3a-9e2f-1a2b3c4d5e6f");
        var report = new ReportView(id, "pm", "pm@demo.local", Now, null, null, "Queued", 0, null, null, null);

        AssertSameJson(new { publishedAt = (DateTimeOffset?)null, gauges = Array.Empty<object>(), note = "No ingest pass has stored a reading yet." }, NoGaugesYet.Answer);
        AssertSameJson(new { message = "No active-users history is stored yet." }, NoStageEta.Answer);
        AssertSameJson(new { runId = id }, new ForecastRunAccepted(id));
        AssertSameJson(new { reportId = report.Id, report.State, report.Audience }, new ReportAccepted(report.Id, report.State, report.Audience));
        AssertSameJson(new { reports = new[] { report } }, new ReportList([report]));
        AssertSameJson(new { multiplier = 2.5 }, new DemoLoad(2.5));
        IReadOnlyList<ChecklistChange> history = [new(Now, "pm@demo.local", "error_tracking", true, null), new(Now.AddDays(-1), "pm@demo.local", "load_test_5x", false, "redo")];
        IReadOnlyList<ChecklistPhaseView> phases = [new(ChecklistPhase.GrowthReady, 2, "Growth ready", 0, 0, 0, [])];
        AssertSameJson(new { evaluatedAt = Now, phases, history }, new ChecklistWithHistory(Now, phases, history));
    }

    private static SeriesReading Reading(string metric, double value) => new()
    {
        Metric = metric,
        Entity = "",
        Value = value,
        SampledAt = Now.AddSeconds(-15),
        Status = HealthStatus.Ok,
        EvaluatedAt = Now,
    };

    private static ForecastSummary Summary(string metric, string entity, DateTimeOffset computedAt) =>
        new(metric, metric.ToUpperInvariant(), entity, "%", "Forecasted", "ok", 61.5, "Linear", 0,
            new Dictionary<string, double> { ["slope"] = 0.2 }, "Rising", 0.95, null, 0.7, null,
            new CrossingView("Expected", 75, Now.AddDays(10), Now.AddDays(8), null, true, 10), null, computedAt, Now.AddDays(-30), Now, Now.AddDays(90));
}
