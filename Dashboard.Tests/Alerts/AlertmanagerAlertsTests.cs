using Dashboard.Domain.Health;
using Dashboard.Jobs.Alerts;
using Dashboard.Jobs.Sources.Alertmanager;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Tests.Domain;

namespace Dashboard.Tests.Alerts;

public sealed class AlertmanagerAlertsTests
{
    private static readonly DateTimeOffset Now = ManualTimeProvider.DefaultStart;
    private readonly List<AlertRow> rows = [];

    private static AlertmanagerAlert Alert(string name, string? severity, DateTimeOffset startsAt, string instance = "db1:9187", params string[] silencedBy)
    {
        var labels = new Dictionary<string, string> { ["alertname"] = name, ["instance"] = instance };
        if (severity is not null)
        {
            labels["severity"] = severity;
        }
        return new AlertmanagerAlert("0123456789abcdef", labels, new Dictionary<string, string> { ["summary"] = $"{name} on {instance}", ["runbook_url"] = "https://runbooks.example/" + name },
            silencedBy.Length > 0 ? AlertmanagerAlertState.Suppressed : AlertmanagerAlertState.Active,
            startsAt, startsAt.AddMinutes(5), silencedBy, [], "http://prometheus:9090/graph?g0.expr=up");
    }

    private void Sync(DateTimeOffset at, params AlertmanagerAlert[] active) => rows.AddRange(AlertmanagerAlerts.Apply(rows, active, at));

    [Fact]
    public void Apply_NewCriticalAlert_FiringSinceItsStartWithLabelsAndAnnotations()
    {
        Sync(Now, Alert("PostgresDown", "critical", Now.AddMinutes(-3)));

        var row = Assert.Single(rows);
        Assert.Equal((AlertRow.AlertmanagerSource, "PostgresDown", "instance=\"db1:9187\"", "Critical", "Firing"), (row.Source, row.Metric, row.Entity, row.Severity, row.State));
        Assert.Equal(Now.AddMinutes(-3), row.FiringSince);
        Assert.Equal("PostgresDown on db1:9187", row.Summary);
        Assert.Equal("https://runbooks.example/PostgresDown", row.RunbookUrl);
        Assert.Equal("critical", row.Labels["severity"]);
        Assert.False(row.SilencedInAlertmanager);
    }

    [Fact]
    public void Apply_SeverityNone_IsAWatchdogAndSkipped()
    {
        Sync(Now, Alert("DashboardStackWatchdog", "none", Now));

        Assert.Empty(rows);
    }

    [Fact]
    public void Apply_AlertNoLongerListed_ResolvedNow_SameAlertLaterIsANewEpisode()
    {
        Sync(Now, Alert("DiskFull", "warning", Now.AddMinutes(-10)));
        var row = Assert.Single(rows);
        row.AckedBy = "engineer@example.com";

        Sync(Now.AddMinutes(1));
        Assert.Equal(nameof(AlertState.Resolved), row.State);
        Assert.Equal(Now.AddMinutes(1), row.ResolvedAt);

        Sync(Now.AddMinutes(30), Alert("DiskFull", "warning", Now.AddMinutes(29)));
        Assert.Same(row, Assert.Single(rows));
        Assert.Equal(nameof(AlertState.Firing), row.State);
        Assert.Equal(Now.AddMinutes(29), row.FiringSince);
        Assert.Null(row.ResolvedAt);
        Assert.Null(row.AckedBy);
    }

    [Fact]
    public void Apply_StillFiring_KeepsTheAcknowledgement_AndFollowsSilences()
    {
        Sync(Now, Alert("DiskFull", "warning", Now.AddMinutes(-10)));
        var row = Assert.Single(rows);
        row.AckedBy = "engineer@example.com";

        Sync(Now.AddSeconds(15), Alert("DiskFull", "warning", Now.AddMinutes(-10), silencedBy: "5a1e4c3e-0000-0000-0000-000000000000"));

        Assert.Equal("engineer@example.com", row.AckedBy);
        Assert.True(row.SilencedInAlertmanager);
    }

    [Fact]
    public void Apply_SameNameTwoInstances_TwoRows()
    {
        Sync(Now, Alert("PostgresDown", "critical", Now, "db1:9187"), Alert("PostgresDown", "critical", Now, "db2:9187"));

        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void HoldStale_KeepsOpenAlertsAndTheFirstStaleTime()
    {
        Sync(Now, Alert("DiskFull", "warning", Now));
        var row = Assert.Single(rows);

        AlertmanagerAlerts.HoldStale(rows, Now.AddMinutes(1), "connection refused", Now.AddMinutes(2));
        AlertmanagerAlerts.HoldStale(rows, Now.AddMinutes(5), "timeout", Now.AddMinutes(6));

        Assert.Equal(nameof(AlertState.Firing), row.State);
        Assert.Equal(Now.AddMinutes(1), row.SourceStaleSince);
        Assert.Equal("timeout", row.SourceStaleReason);
    }
}
