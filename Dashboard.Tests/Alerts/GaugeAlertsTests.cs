using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Alerts;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Tests.Domain;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// Ingest passes as the pipeline makes them (thresholds rows -> GaugeSnapshotBuilder -> readings, each pass
/// continuing the previous pass's stored state) applied to the stored alerts, every 15 s on a manual clock.
/// </summary>
public sealed class GaugeAlertsTests
{
    private const string HostA = "instance=\"a:9100\"";
    private const string HostB = "instance=\"b:9100\"";
    private static readonly TimeSpan Pass = TimeSpan.FromSeconds(15);

    private readonly ManualTimeProvider clock = new();
    private readonly List<AlertRow> rows = [];
    private readonly List<MetricSettingRow> metrics = [.. MetricCatalog.Default.Metrics.Select(m => new MetricSettingRow
    {
        MetricId = m.Id,
        Category = m.Category.ToString(),
        Name = m.Name,
        Unit = m.Unit,
        Direction = m.Threshold.Direction.ToString(),
        Warning = m.Threshold.Warning,
        Critical = m.Threshold.Critical,
        SustainedForSeconds = m.Threshold.SustainedFor is { } s ? (int)s.TotalSeconds : null,
    })];
    private IReadOnlyList<SeriesReading> previous = [];

    private AlertRow Row(string metric, AlertSeverity severity, string entity = HostA) =>
        rows.Single(r => r.Metric == metric && r.Severity == severity.ToString() && r.Entity == entity);

    /// <summary>One pass: the given CPU values by entity (none: Prometheus answered with nothing), or a failure.</summary>
    private void Ingest(Dictionary<string, double>? cpu, string? failure = null)
    {
        clock.Advance(Pass);
        var now = clock.GetUtcNow();
        var observations = new Dictionary<string, List<Observation>>
        {
            [MetricIds.Cpu] = [.. (cpu ?? []).Select(p => new Observation(MetricIds.Cpu, p.Key, now, p.Value))],
        };
        var failures = failure is null
            ? new Dictionary<string, (string, DateTimeOffset)>()
            : new Dictionary<string, (string, DateTimeOffset)> { [MetricIds.Cpu] = (failure, now) };
        var readings = new GaugeSnapshotBuilder(clock).Read([.. metrics.Where(m => m.MetricId == MetricIds.Cpu)], observations, failures, previous);
        previous = readings;
        rows.AddRange(GaugeAlerts.Apply(rows, readings, metrics, clock));
    }

    private void IngestFor(TimeSpan span, Dictionary<string, double>? cpu, string? failure = null)
    {
        for (var t = TimeSpan.Zero; t < span; t += Pass)
        {
            Ingest(cpu, failure);
        }
    }

    [Fact]
    public void CpuOverWarning_PendingForTheSustainedWindow_ThenFiringWithValueAndLevels()
    {
        Ingest(new() { [HostA] = 75 });
        var start = clock.GetUtcNow();

        var row = Row(MetricIds.Cpu, AlertSeverity.Warning);
        Assert.Equal(nameof(AlertState.Pending), row.State);
        Assert.Equal(start, row.PendingSince);
        IngestFor(TimeSpan.FromMinutes(5) - Pass, new() { [HostA] = 76 });
        Assert.Equal(nameof(AlertState.Pending), row.State);

        Ingest(new() { [HostA] = 77 });

        Assert.Equal(nameof(AlertState.Firing), row.State);
        Assert.Equal(start.AddMinutes(5), row.FiringSince);
        Assert.Equal((77, 70, 90, "%"), (row.LastValue!.Value, row.Warning!.Value, row.Critical!.Value, row.Unit));
        Assert.DoesNotContain(rows, r => r.Severity == nameof(AlertSeverity.Critical));
        Assert.Single(rows);
    }

    [Fact]
    public void ValuesWithinLevels_NoRowsAtAll()
    {
        IngestFor(TimeSpan.FromMinutes(2), new() { [HostA] = 40, [HostB] = 69.9 });

        Assert.Empty(rows);
    }

    [Fact]
    public void CpuOverCritical_BothRulesPending_EachWithItsOwnRow()
    {
        Ingest(new() { [HostA] = 95 });

        Assert.Equal(nameof(AlertState.Pending), Row(MetricIds.Cpu, AlertSeverity.Warning).State);
        Assert.Equal(nameof(AlertState.Pending), Row(MetricIds.Cpu, AlertSeverity.Critical).State);
    }

    [Fact]
    public void PrometheusDownWhileFiring_HeldFiringAndMarkedStale_ThenResolvesAfterKeepFiringFor()
    {
        IngestFor(TimeSpan.FromMinutes(5) + Pass, new() { [HostA] = 80 });
        var row = Row(MetricIds.Cpu, AlertSeverity.Warning);
        Assert.Equal(nameof(AlertState.Firing), row.State);

        IngestFor(TimeSpan.FromMinutes(10), null, failure: "Prometheus at http://p:9090 unreachable: connection refused");

        Assert.Equal(nameof(AlertState.Firing), row.State);
        Assert.Contains("connection refused", row.SourceStaleReason);
        Assert.NotNull(row.SourceStaleSince);

        Ingest(new() { [HostA] = 30 });
        Assert.Equal(nameof(AlertState.Firing), row.State); // keep_firing_for starts now, not during the outage
        Assert.Null(row.SourceStaleSince);
        IngestFor(GaugeAlerts.KeepFiringFor, new() { [HostA] = 30 });

        Assert.Equal(nameof(AlertState.Resolved), row.State);
        Assert.Equal(clock.GetUtcNow(), row.ResolvedAt);
    }

    [Fact]
    public void NoDataWhilePending_HeldPendingNotResolved_MarkedNoData()
    {
        Ingest(new() { [HostA] = 75 });
        var row = Row(MetricIds.Cpu, AlertSeverity.Warning);

        IngestFor(TimeSpan.FromMinutes(2), cpu: []);

        Assert.Equal(nameof(AlertState.Pending), row.State);
        Assert.StartsWith("no data", row.SourceStaleReason);
    }

    [Fact]
    public void NoDataLongerThanTheWindowWhilePending_ValuesReturn_WindowStartsAgainInsteadOfFiring()
    {
        Ingest(new() { [HostA] = 75 });
        var row = Row(MetricIds.Cpu, AlertSeverity.Warning);
        IngestFor(TimeSpan.FromMinutes(10), cpu: []);

        Ingest(new() { [HostA] = 75 });

        Assert.Equal(nameof(AlertState.Pending), row.State);
        Assert.Equal(clock.GetUtcNow(), row.PendingSince);
        Assert.Null(row.SourceStaleSince);
    }

    [Fact]
    public void EntityGoneWhileOthersReport_ResolvesLikeAnAbsentSeries()
    {
        IngestFor(TimeSpan.FromMinutes(5) + Pass, new() { [HostA] = 80, [HostB] = 20 });
        var row = Row(MetricIds.Cpu, AlertSeverity.Warning);
        Assert.Equal(nameof(AlertState.Firing), row.State);

        IngestFor(GaugeAlerts.KeepFiringFor + Pass, new() { [HostB] = 20 });

        Assert.Equal(nameof(AlertState.Resolved), row.State);
        Assert.Null(row.SourceStaleSince);
    }

    [Fact]
    public void NewEpisode_ClearsTheAcknowledgement_KeepsTheSilence()
    {
        IngestFor(TimeSpan.FromMinutes(5) + Pass, new() { [HostA] = 80 });
        var row = Row(MetricIds.Cpu, AlertSeverity.Warning);
        row.AckedBy = "engineer@example.com";
        row.AckedAt = clock.GetUtcNow();
        row.SilencedUntil = clock.GetUtcNow().AddHours(4);
        IngestFor(TimeSpan.FromMinutes(2), new() { [HostA] = 30 });
        Assert.Equal(nameof(AlertState.Resolved), row.State);
        Assert.Equal("engineer@example.com", row.AckedBy); // a resolved episode keeps who acknowledged it

        Ingest(new() { [HostA] = 80 });

        Assert.Equal(nameof(AlertState.Pending), row.State);
        Assert.Null(row.AckedBy);
        Assert.Null(row.AckedAt);
        Assert.NotNull(row.SilencedUntil);
        Assert.Single(rows);
    }

    [Fact]
    public void ThresholdOverride_NewLevelsAndWindowApplyOnTheNextPass()
    {
        var cpu = metrics.Single(m => m.MetricId == MetricIds.Cpu);
        cpu.Warning = 10;
        cpu.Critical = 20;
        cpu.SustainedForSeconds = null;

        Ingest(new() { [HostA] = 15 });

        var row = Row(MetricIds.Cpu, AlertSeverity.Warning);
        Assert.Equal(nameof(AlertState.Firing), row.State);
        Assert.Equal(10, row.Warning);
    }

    [Fact]
    public void StoredReadingGoneStale_HoldsFiringWithTheReadingsSinceAndReason()
    {
        IngestFor(TimeSpan.FromMinutes(5) + Pass, new() { [HostA] = 80 });
        var row = Row(MetricIds.Cpu, AlertSeverity.Warning);
        var staleSince = clock.GetUtcNow().AddSeconds(-30);
        clock.Advance(Pass);

        // A reading as ReadingService answers it when no pass has refreshed it: the value is kept, it is not fresh.
        SeriesReading[] readings = [previous.Single() with
        {
            Status = HealthStatus.Stale, Since = staleSince, StaleReason = "no ingest pass has read it since 10:00:00 UTC",
        }];
        rows.AddRange(GaugeAlerts.Apply(rows, readings, metrics, clock));

        Assert.Equal(nameof(AlertState.Firing), row.State);
        Assert.Equal(staleSince, row.SourceStaleSince);
        Assert.Equal("no ingest pass has read it since 10:00:00 UTC", row.SourceStaleReason);
        Assert.Equal(80, row.LastValue);
    }

    [Fact]
    public void BuilderAfterARestart_ContinuesSinceAndLastGoodValueFromTheStoredReadings()
    {
        IngestFor(TimeSpan.FromMinutes(1), new() { [HostA] = 75 });
        var stored = previous.Single();
        clock.Advance(Pass);

        // A new process: a new builder with nothing in memory, given only what series_state holds.
        var fresh = new GaugeSnapshotBuilder(clock).Read([.. metrics.Where(m => m.MetricId == MetricIds.Cpu)],
            new Dictionary<string, List<Observation>> { [MetricIds.Cpu] = [new(MetricIds.Cpu, HostA, clock.GetUtcNow(), 76)] },
            new Dictionary<string, (string, DateTimeOffset)>(), [stored]).Single();
        var failed = new GaugeSnapshotBuilder(clock).Read([.. metrics.Where(m => m.MetricId == MetricIds.Cpu)],
            new Dictionary<string, List<Observation>>(),
            new Dictionary<string, (string, DateTimeOffset)> { [MetricIds.Cpu] = ("connection refused", stored.EvaluatedAt) }, [stored]).Single();

        Assert.Equal((HealthStatus.Warning, stored.Since, 76d), (fresh.Status, fresh.Since, fresh.Value!.Value));
        Assert.Equal((HealthStatus.Stale, 75d, stored.SampledAt, 75d), (failed.Status, failed.Value!.Value, failed.SampledAt, failed.LastGoodValue!.Value));
        Assert.Equal("connection refused", failed.StaleReason);
    }
}
