using Dashboard.Domain.Health;

namespace Dashboard.Tests.Domain.Health;

public class AlertTriageTests
{
    private static readonly DateTimeOffset Now = ManualTimeProvider.DefaultStart;

    private static TriageEntry Firing(string series, AlertSeverity severity, int minutesAgo, bool silenced = false) =>
        new(series, severity, AlertState.Firing, Now.AddMinutes(-minutesAgo - 5), Now.AddMinutes(-minutesAgo), null, silenced);

    private static TriageEntry Pending(string series, AlertSeverity severity, int minutesAgo) =>
        new(series, severity, AlertState.Pending, Now.AddMinutes(-minutesAgo), null, null, false);

    private static TriageEntry Resolved(string series, AlertSeverity severity, double hoursAgo) =>
        new(series, severity, AlertState.Resolved, null, Now.AddHours(-hoursAgo - 1), Now.AddHours(-hoursAgo), false);

    private static List<string> Order(params (string Name, TriageEntry Entry)[] alerts) =>
        [.. AlertTriage.Arrange(alerts, a => a.Entry, Now).Select(a => a.Name)];

    [Fact]
    public void Arrange_SeverityFirst_ThenFiringBeforePending_ThenOldestFirst()
    {
        var order = Order(
            ("warning-new", Firing("disk", AlertSeverity.Warning, 2)),
            ("critical-pending", Pending("cpu", AlertSeverity.Critical, 30)),
            ("warning-old", Firing("memory", AlertSeverity.Warning, 40)),
            ("info", Firing("am:Backup", AlertSeverity.Info, 90)),
            ("critical-firing", Firing("p99", AlertSeverity.Critical, 1)));

        Assert.Equal(["critical-firing", "critical-pending", "warning-old", "warning-new", "info"], order);
    }

    [Fact]
    public void Arrange_SilencedAfterOpen_ResolvedLastMostRecentFirst()
    {
        var order = Order(
            ("resolved-old", Resolved("queue", AlertSeverity.Critical, 20)),
            ("silenced-critical", Firing("disk", AlertSeverity.Critical, 50, silenced: true)),
            ("resolved-recent", Resolved("cpu", AlertSeverity.Warning, 1)),
            ("open-info", Firing("am:Backup", AlertSeverity.Info, 1)));

        Assert.Equal(["open-info", "silenced-critical", "resolved-recent", "resolved-old"], order);
    }

    [Fact]
    public void Arrange_ResolvedLongerThanTheWindowAndInactive_Hidden()
    {
        var order = Order(
            ("resolved-25h", Resolved("cpu", AlertSeverity.Warning, 25)),
            ("resolved-23h", Resolved("disk", AlertSeverity.Warning, 23)),
            ("inactive", new TriageEntry("memory", AlertSeverity.Warning, AlertState.Inactive, null, null, null, false)));

        Assert.Equal(["resolved-23h"], order);
    }

    [Fact]
    public void Arrange_FiringCriticalInhibitsTheSameSeriesWarning_PendingCriticalDoesNot()
    {
        var inhibited = Order(
            ("cpu-warning", Firing("cpu|host1", AlertSeverity.Warning, 10)),
            ("cpu-critical", Firing("cpu|host1", AlertSeverity.Critical, 1)),
            ("cpu-warning-host2", Firing("cpu|host2", AlertSeverity.Warning, 10)));
        var notYet = Order(
            ("cpu-warning", Firing("cpu|host1", AlertSeverity.Warning, 10)),
            ("cpu-critical", Pending("cpu|host1", AlertSeverity.Critical, 1)));

        Assert.Equal(["cpu-critical", "cpu-warning-host2"], inhibited);
        Assert.Equal(["cpu-critical", "cpu-warning"], notYet);
    }
}
