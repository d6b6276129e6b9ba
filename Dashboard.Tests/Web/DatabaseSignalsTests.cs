using Dashboard.Domain.Advice;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Services.DatabaseHealth;
using static Dashboard.Tests.Web.Snapshots;

namespace Dashboard.Tests.Web;

/// <summary>Measured signals for the decision path: known ones with their source, unknown ones null with a reason.</summary>
public sealed class DatabaseSignalsTests
{
    private static (ScalingSignals Signals, Dictionary<string, SignalView> Views) Read(PostgresStatsSnapshot? snapshot, CpuHeld? cpu = null)
    {
        var (signals, views) = DatabaseSignals.Read("shop", snapshot, snapshot is null ? TargetState.NoData : TargetState.Live, cpu, "no CPU samples", AdviceLimits.Default, Shared(snapshot));
        return (signals, views.ToDictionary(v => v.Signal));
    }

    [Fact]
    public void Read_Snapshot_MeasuredSignalsKnownWithValues()
    {
        var (s, views) = Read(Of(partitioned: 2), new CpuHeld("node1", 82, TimeSpan.FromMinutes(5), Now));

        Assert.True(s.SlowQueriesPresent);
        Assert.Equal(0.99, s.CacheHitRatio!.Value.Value, 9);
        Assert.Equal(82, s.CpuSustained!.Value.Value);
        Assert.Equal(0.9, s.ReadShare!.Value.Value, 9);
        Assert.Equal(2_000_000, s.LargestTableRows);
        Assert.Equal(40L << 30, s.DatabaseSizeBytes);
        Assert.Equal(14, s.ConnectionSaturation!.Value.Value, 9);
        Assert.True(s.ReplicaPresent);
        Assert.True(s.PartitioningInUse);
        Assert.Equal("yes", views["ReplicaPresent"].Value);
        Assert.Contains("streaming standby replica1 of shop", views["ReplicaPresent"].Source);
        Assert.Equal("yes", views["PartitioningInUse"].Value);
        Assert.Equal("2 partitioned tables in shop (pg_class relkind 'p')", views["PartitioningInUse"].Source);
        Assert.Contains("82 % on node1", views["CpuSustained"].Value);
        Assert.Equal(Now.AddSeconds(-20), views["CacheHitRatio"].MeasuredAt);
    }

    [Fact]
    public void Read_NotMeasurableFromTheDatabase_StaysUnknown()
    {
        var (s, views) = Read(Of());

        Assert.Null(s.CachePresent);
        Assert.Null(s.ShardingInUse);
        Assert.Null(s.ConnectionPoolerPresent);
        Assert.Null(s.CpuSustained);
        Assert.False(views["CpuSustained"].Known);
        Assert.Equal("no CPU samples", views["CpuSustained"].Source);
        // No previous snapshot: no write rate, and no guess.
        Assert.Null(s.WritesPerSecond);
        Assert.Contains("two snapshots", views["WritesPerSecond"].Source);
    }

    [Fact]
    public void Read_NoSnapshot_EveryDatabaseSignalUnknown()
    {
        var (s, views) = Read(null);

        Assert.Equal(new ScalingSignals(), s);
        Assert.All(views.Values, v => Assert.False(v.Known));
        Assert.Contains("No statistics snapshot", views["ConnectionSaturation"].Source);
    }

    [Fact]
    public void Read_FastQueriesOnly_NoSlowQueries()
    {
        var (s, views) = Read(Of(statements: [Statement("SELECT 1", 0.2, id: 1), Statement("SELECT * FROM t WHERE a = $1", 150, id: 2)]));

        Assert.False(s.SlowQueriesPresent);
        Assert.Contains("slowest mean 150 ms", views["SlowQueriesPresent"].Value);
    }

    [Fact]
    public void Read_NestedSlowStatement_NotCounted()
    {
        var (s, _) = Read(Of(statements: [Statement("SELECT heavy($1)", 800, topLevel: false, id: 1), Statement("SELECT 1", 0.1, id: 2)]));

        Assert.False(s.SlowQueriesPresent);
    }

    [Fact]
    public void Read_OnlySlowUtilityStatementsListed_UnknownNotClean()
    {
        var (s, views) = Read(Of(statements: [Statement("COPY t FROM STDIN", 900, id: 1), Statement("CREATE INDEX i ON t (a)", 600, id: 2)]));

        Assert.Null(s.SlowQueriesPresent);
        Assert.Contains("utility statements", views["SlowQueriesPresent"].Source);
    }

    [Fact]
    public void Read_MissingExtension_SlowQueriesUnknownWithTheSetupHint()
    {
        var (s, views) = Read(Of(topQueries: PostgresPanel.Failed<TopQueriesPanel>(PanelProblemKind.MissingExtension, "pg_stat_statements is not installed")));

        Assert.Null(s.SlowQueriesPresent);
        Assert.Equal("pg_stat_statements is not installed", views["SlowQueriesPresent"].Source);
    }
}
