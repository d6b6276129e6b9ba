using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Domain.Advice;
using Dashboard.Services.Checklist;
using Dashboard.Services.Signals;

namespace Dashboard.Tests.Web;

/// <summary>Signal facts from what the pipeline holds (<see cref="SignalEvidence"/>), and the checklist the Domain evaluator settles from a signals snapshot.</summary>
public sealed class ChecklistEvidenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 14, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Replica_PrimaryWithStreamingStandby_YesWithNameAndLag()
    {
        var snapshot = Snapshot("db1", new ReplicationPanel(false, [new StandbyLag("replica1", "streaming", 1_024, 0.2)], null));

        var fact = SignalEvidence.Replica("db1", snapshot);

        Assert.True(fact.Value);
        Assert.Equal("streaming standby replica1 of db1, lag 0.2 s (pg_stat_replication)", fact.Provenance);
        Assert.Equal(Now, fact.At);
    }

    [Fact]
    public void Replica_PrimaryWithoutStandby_MeasuredNo()
    {
        var fact = SignalEvidence.Replica("db1", Snapshot("db1", new ReplicationPanel(false, [], null)));

        Assert.False(fact.Value);
        Assert.Equal("no streaming standby of db1 (pg_stat_replication)", fact.Provenance);
    }

    [Fact]
    public void Replica_StandbyNotStreaming_NoReplicaServingReadsAndSaysWhy()
    {
        var fact = SignalEvidence.Replica("db1", Snapshot("db1", new ReplicationPanel(false, [new StandbyLag("replica1", "catchup", null, null)], null)));

        Assert.False(fact.Value);
        Assert.Equal("no streaming standby of db1 (replica1 is catchup) (pg_stat_replication)", fact.Provenance);
    }

    [Fact]
    public void Replica_PanelFailed_UnknownWithTheServersWords()
    {
        var snapshot = Snapshot("db1", null) with
        {
            Replication = PostgresPanel.Failed<ReplicationPanel>(PanelProblemKind.PermissionDenied, "grant pg_monitor to see pg_stat_replication"),
        };

        var fact = SignalEvidence.Replica("db1", snapshot);

        Assert.Null(fact.Value);
        Assert.Contains("grant pg_monitor", fact.Provenance);
    }

    [Fact]
    public void Database_NoSnapshotYet_BothUnknownWithTheReason()
    {
        var facts = SignalEvidence.Database("db1", null, null);

        Assert.Null(facts.Replica.Value);
        Assert.Null(facts.Partitioning.Value);
        Assert.Equal("no statistics snapshot of db1 yet", facts.Partitioning.Provenance);
    }

    [Fact]
    public void Database_CollectionStale_LastKnownValuesSaySo()
    {
        var snapshot = Snapshot("db1", new ReplicationPanel(false, [], null));
        var status = new SourceStatusRow { Source = "postgres:db1", StaleSince = Now, LastError = "timeout" };

        var facts = SignalEvidence.Database("db1", snapshot, status);

        Assert.False(facts.Replica.Value);
        Assert.EndsWith(SignalEvidence.StaleSuffix, facts.Replica.Provenance);
    }

    [Fact]
    public void Monitoring_SourceStale_MeasuredNoWithTheSourcesError()
    {
        var row = new SourceStatusRow { Source = "prometheus", LastSuccessAt = Now.AddMinutes(-9), StaleSince = Now.AddMinutes(-9), LastError = "connection refused" };

        var fact = SignalEvidence.Monitoring([row], prometheusConfigured: true, Now);

        Assert.False(fact.Value);
        Assert.Contains("Prometheus stale since", fact.Provenance);
        Assert.Contains("connection refused", fact.Provenance);
    }

    [Fact]
    public void Monitoring_RecentSuccess_Yes()
    {
        var fact = SignalEvidence.Monitoring([new SourceStatusRow { Source = "prometheus", LastSuccessAt = Now.AddSeconds(-10) }], true, Now);

        Assert.True(fact.Value);
        Assert.StartsWith("Prometheus answered at", fact.Provenance);
    }

    [Fact]
    public void Monitoring_OldSuccessOrNotConfigured_NotMeasured()
    {
        var old = SignalEvidence.Monitoring([new SourceStatusRow { Source = "prometheus", LastSuccessAt = Now.AddHours(-3) }], true, Now);
        var none = SignalEvidence.Monitoring([], prometheusConfigured: false, Now);

        Assert.Null(old.Value);
        Assert.Null(none.Value);
        Assert.Contains("Prometheus:Url", none.Provenance);
    }

    [Fact]
    public void Cache_NotConfigured_MeasuredNo_Unreachable_NotMeasured()
    {
        var absent = SignalEvidence.Cache(false, null, null, Now);
        var down = SignalEvidence.Cache(true, "Degraded", "Redis unreachable: timeout", Now);
        var up = SignalEvidence.Cache(true, "Healthy", "ping 0.4 ms", Now);

        Assert.False(absent.Value);
        Assert.Null(down.Value);
        Assert.Contains("Redis unreachable: timeout", down.Provenance);
        Assert.True(up.Value);
    }

    [Fact]
    public void BackgroundJobs_FreshQueueGauges_YesWithDepthAndAge()
    {
        var batch = new GaugeBatch(Now, [Gauge(MetricIds.QueueDepth, 120, HealthStatus.Ok), Gauge(MetricIds.QueueLatency, 4, HealthStatus.Ok)]);

        var fact = SignalEvidence.BackgroundJobs(batch);

        Assert.True(fact.Value);
        Assert.StartsWith("background queue: 120 jobs waiting, oldest job 4 s", fact.Provenance);
    }

    [Fact]
    public void BackgroundJobs_StaleOrMissing_NotMeasured()
    {
        var stale = SignalEvidence.BackgroundJobs(new GaugeBatch(Now, [Gauge(MetricIds.QueueLatency, 4, HealthStatus.Stale) with { StaleReason = "exporter down" }]));
        var none = SignalEvidence.BackgroundJobs(new GaugeBatch(Now, []));

        Assert.Null(stale.Value);
        Assert.Contains("exporter down", stale.Provenance);
        Assert.Null(none.Value);
    }

    [Fact]
    public void Build_TickStoredForAnUnmeasuredAutoItem_StaysNotMeasured()
    {
        var signals = Snapshots.Shared(null);
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
        var snapshot = Snapshots.Shared(Snapshot("db1", new ReplicationPanel(false, [new StandbyLag("replica1", "streaming", 1_024, 0.2)], null)), "db1",
            new SignalFact<bool>(false, "no Redis configured", Now));

        var report = Dashboard.Services.Checklist.ChecklistService.Build(snapshot, [], Now);

        var replica = report.Items.Single(i => i.Id == "read_replica");
        Assert.Equal(ChecklistItemState.Done, replica.State);
        Assert.Equal("streaming standby replica1 of db1, lag 0.2 s (pg_stat_replication)", replica.Evidence);
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
        Threshold = new Threshold(1, 2, ThresholdDirection.AboveIsBad, MetricCatalog.Default.Get(metric).Unit),
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
