using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services.Checklist;

namespace Dashboard.Tests.Web;

/// <summary>Checklist signals from what the pipeline holds, and the report the Domain evaluator settles from them.</summary>
public sealed class ChecklistEvidenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 14, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Replica_PrimaryWithStreamingStandby_YesWithNameAndLag()
    {
        var snapshot = Snapshot("db1", new ReplicationPanel(false, [new StandbyLag("replica1", "streaming", 1_024, 0.2)], null));

        var reading = ChecklistEvidence.Replica([snapshot]);

        Assert.NotNull(reading);
        Assert.True(reading.Value);
        Assert.Equal("streaming standby replica1, lag 0.2 s", reading.Evidence);
        Assert.Equal(Now, reading.At);
    }

    [Fact]
    public void Replica_PrimaryWithoutStandby_MeasuredNo()
    {
        var reading = ChecklistEvidence.Replica([Snapshot("db1", new ReplicationPanel(false, [], null))]);

        Assert.NotNull(reading);
        Assert.False(reading.Value);
        Assert.Contains("no streaming standby of db1", reading.Evidence);
    }

    [Fact]
    public void Replica_StandbyWithoutLag_LagIsNotAvailableNotZero()
    {
        var reading = ChecklistEvidence.Replica([Snapshot("db1", new ReplicationPanel(false, [new StandbyLag("replica1", "catchup", null, null)], null))]);

        Assert.Equal("standby replica1 (catchup), lag n/a", reading!.Evidence);
    }

    [Fact]
    public void Replica_PanelFailed_NotMeasuredWithTheServersWords()
    {
        var snapshot = Snapshot("db1", null) with
        {
            Replication = PostgresPanel.Failed<ReplicationPanel>(PanelProblemKind.PermissionDenied, "grant pg_monitor to see pg_stat_replication"),
        };

        var reading = ChecklistEvidence.Replica([snapshot]);

        Assert.Null(reading!.Value);
        Assert.StartsWith("not measured:", reading.Evidence);
        Assert.Contains("grant pg_monitor", reading.Evidence);
    }

    [Fact]
    public void Replica_NoSnapshots_NullSoStoredHistoryIsAsked()
    {
        Assert.Null(ChecklistEvidence.Replica([]));
    }

    [Fact]
    public void ReplicaFromHistory_StoredLag_YesWithStandbyName()
    {
        var series = new SeriesHistory("pg_replication_lag_seconds", "target=\"dashboard\",standby=\"replica1\"", HistoryResolution.Raw,
            [new HistoryPoint(Now, 1.5, 1.5, 1.5, 1)]);

        var reading = ChecklistEvidence.ReplicaFromHistory([series]);

        Assert.True(reading!.Value);
        Assert.StartsWith("standby replica1, lag 1.5 s", reading.Evidence);
    }

    [Fact]
    public void Monitoring_SourceStale_MeasuredNoWithTheSourcesError()
    {
        var row = new SourceStatusRow { Source = "prometheus", LastSuccessAt = Now.AddMinutes(-9), StaleSince = Now.AddMinutes(-9), LastError = "connection refused" };

        var reading = ChecklistEvidence.Monitoring(row, configured: true, Now);

        Assert.False(reading.Value);
        Assert.Contains("Prometheus stale since", reading.Evidence);
        Assert.Contains("connection refused", reading.Evidence);
    }

    [Fact]
    public void Monitoring_RecentSuccess_Yes()
    {
        var reading = ChecklistEvidence.Monitoring(new SourceStatusRow { Source = "prometheus", LastSuccessAt = Now.AddSeconds(-10) }, true, Now);

        Assert.True(reading.Value);
        Assert.StartsWith("Prometheus answered at", reading.Evidence);
    }

    [Fact]
    public void Monitoring_OldSuccessOrNotConfigured_NotMeasured()
    {
        var old = ChecklistEvidence.Monitoring(new SourceStatusRow { Source = "prometheus", LastSuccessAt = Now.AddHours(-3) }, true, Now);
        var none = ChecklistEvidence.Monitoring(null, configured: false, Now);

        Assert.Null(old.Value);
        Assert.Null(none.Value);
        Assert.Contains("Prometheus:Url", none.Evidence);
    }

    [Fact]
    public void Cache_NotConfigured_MeasuredNo_Unreachable_NotMeasured()
    {
        var absent = ChecklistEvidence.Cache(false, null, null, Now);
        var down = ChecklistEvidence.Cache(true, "Degraded", "Redis unreachable: timeout", Now);
        var up = ChecklistEvidence.Cache(true, "Healthy", "ping 0.4 ms", Now);

        Assert.False(absent.Value);
        Assert.Null(down.Value);
        Assert.Contains("Redis unreachable: timeout", down.Evidence);
        Assert.True(up.Value);
    }

    [Fact]
    public void BackgroundJobs_FreshQueueGauges_YesWithDepthAndAge()
    {
        var batch = new GaugeBatch(Now, [Gauge(MetricIds.QueueDepth, 120, HealthStatus.Ok), Gauge(MetricIds.QueueLatency, 4, HealthStatus.Ok)]);

        var reading = ChecklistEvidence.BackgroundJobs(batch);

        Assert.True(reading.Value);
        Assert.StartsWith("background queue: 120 jobs waiting, oldest job 4 s", reading.Evidence);
    }

    [Fact]
    public void BackgroundJobs_StaleOrMissing_NotMeasured()
    {
        var stale = ChecklistEvidence.BackgroundJobs(new GaugeBatch(Now, [Gauge(MetricIds.QueueLatency, 4, HealthStatus.Stale) with { StaleReason = "exporter down" }]));
        var none = ChecklistEvidence.BackgroundJobs(new GaugeBatch(Now, []));

        Assert.Null(stale.Value);
        Assert.Contains("exporter down", stale.Evidence);
        Assert.Null(none.Value);
    }

    [Fact]
    public void Build_TickStoredForAnUnmeasuredAutoItem_StaysNotMeasured()
    {
        var signals = AllUnknown();
        var states = new List<ChecklistItemStateRow>
        {
            new() { ItemId = "ci_cd", Done = true, UpdatedBy = "pm@demo.local", UpdatedAt = Now },
            new() { ItemId = "log_aggregation", Done = true, UpdatedBy = "pm@demo.local", UpdatedAt = Now },
        };

        var report = Dashboard.Services.Checklist.ChecklistService.Build(signals, states, Now);

        var ciCd = report.Items.Single(i => i.Id == "ci_cd");
        Assert.Equal(ChecklistItemState.NotMeasured, ciCd.State);
        Assert.StartsWith("not measured", ciCd.Evidence);
        var logs = report.Items.Single(i => i.Id == "log_aggregation");
        Assert.Equal(ChecklistItemState.Done, logs.State);
        Assert.Equal("pm@demo.local", logs.UpdatedBy);
        Assert.Equal(1, report.Phases.Single(p => p.Phase == ChecklistPhase.Foundation).Done);
    }

    [Fact]
    public void Build_MeasuredSignals_SettleAutoItemsAndPhaseProgress()
    {
        var readings = Enum.GetValues<ChecklistSignal>().ToDictionary(s => s, _ => SignalReading.NotMeasured("test"));
        readings[ChecklistSignal.ReplicaPresent] = new SignalReading(true, "streaming standby replica1, lag 0.2 s", Now);
        readings[ChecklistSignal.CachePresent] = new SignalReading(false, "no Redis configured", Now);

        var report = Dashboard.Services.Checklist.ChecklistService.Build(ChecklistSignals.From(readings), [], Now);

        var replica = report.Items.Single(i => i.Id == "read_replica");
        Assert.Equal(ChecklistItemState.Done, replica.State);
        Assert.Equal("streaming standby replica1, lag 0.2 s", replica.Evidence);
        Assert.Equal(ChecklistItemState.NotDone, report.Items.Single(i => i.Id == "redis_cache").State);
        var growth = report.Phases.Single(p => p.Phase == ChecklistPhase.GrowthReady);
        Assert.Equal((1, 7), (growth.Done, growth.Total));
        Assert.Equal([1, 2, 3, 4], report.Phases.Select(p => p.Number));
        Assert.Equal(ChecklistCatalog.Items.Count, report.Items.Count());
    }

    [Fact]
    public void DesignerChecklist_EveryItemIsInTheCatalog()
    {
        Assert.True(Dashboard.Services.Designer.DesignerChecklist.AllInCatalog);
    }

    private static ChecklistSignals AllUnknown() =>
        ChecklistSignals.From(Enum.GetValues<ChecklistSignal>().ToDictionary(s => s, _ => SignalReading.NotMeasured("test")));

    private static GaugeSnapshot Gauge(string metric, double value, HealthStatus status) => new()
    {
        MetricId = metric,
        Name = metric,
        Category = "Queue",
        Entity = "",
        Unit = MetricCatalog.Default.Get(metric).Unit,
        Value = value,
        Status = status,
        SampledAt = Now,
        Since = Now,
        Warning = 1,
        Critical = 2,
        Direction = ThresholdDirection.AboveIsBad,
    };

    private static PostgresStatsSnapshot Snapshot(string target, ReplicationPanel? replication)
    {
        static PostgresPanel<T> Missing<T>() where T : class => PostgresPanel.Failed<T>(PanelProblemKind.Error, "not read in this test");
        return new PostgresStatsSnapshot
        {
            Target = target,
            TakenAt = Now,
            ServerVersionNum = 150010,
            IsStandby = replication?.IsStandby ?? false,
            Connections = Missing<ConnectionsPanel>(),
            CacheHit = Missing<CacheHitPanel>(),
            TopQueries = Missing<TopQueriesPanel>(),
            Sessions = Missing<SessionsPanel>(),
            Replication = replication is null ? Missing<ReplicationPanel>() : PostgresPanel.Ok(replication),
            Sizes = Missing<SizesPanel>(),
            ReadWrite = Missing<ReadWritePanel>(),
            Wraparound = Missing<WraparoundPanel>(),
            Indexes = Missing<IndexesPanel>(),
        };
    }
}
