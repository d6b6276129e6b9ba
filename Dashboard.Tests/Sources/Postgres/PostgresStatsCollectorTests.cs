using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Tests.Infrastructure;
using Npgsql;

namespace Dashboard.Tests.Sources.Postgres;

/// <summary>The statistics collector against the real primary and streaming replica of the test stack.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class PostgresStatsCollectorTests
{
    private static readonly PostgresStatsOptions AllStatements = new() { TopQueries = 1000, TopTables = 50, MaxIndexes = 100 };

    private static string Replica(string database) => new NpgsqlConnectionStringBuilder(TestStack.Current.PrimaryConnectionString)
    {
        Host = "127.0.0.1",
        Port = TestStack.Current.ReplicaPort,
        Database = database,
        Pooling = false,
    }.ConnectionString;

    [Fact]
    public async Task Collect_PrimaryWithStandby_ReportsStandbyLagAndEveryPanel()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: true);

        var snapshot = await new PostgresStatsCollector().CollectAsync(db.ConnectionString, null, CancellationToken.None);

        Assert.False(snapshot.IsStandby);
        Assert.InRange(snapshot.ServerVersionNum, 130000, 179999);
        var standby = Assert.Single(snapshot.Replication.Data!.Standbys);
        Assert.Equal("streaming", standby.State);
        Assert.NotNull(standby.LagBytes);
        Assert.True(standby.LagBytes >= 0);
        // Seconds are null ("n/a") while there is nothing being replayed; when present, never negative.
        Assert.True(standby.LagSeconds is null or >= 0);
        Assert.Null(snapshot.Replication.Data.Self);
        Assert.Null(snapshot.Rates);
        Assert.All(Problems(snapshot), p => Assert.Null(p));
        Assert.InRange(snapshot.Connections.Data!.PercentOfMax, 0.01, 100);
        Assert.Contains(snapshot.Connections.Data.Groups, g => g.Database == db.Name && g.Application == "dashboard-stats" && g.State == "active");
        Assert.Contains(snapshot.Sizes.Data!.Databases, d => d.Name == db.Name && d.Bytes > 0);
        Assert.Contains(snapshot.Wraparound.Data!.Databases, d => d.Name == db.Name && d.Age >= 0);
    }

    [Fact]
    public async Task Collect_Standby_ReportsOwnLagNotStandbyList()
    {
        var snapshot = await new PostgresStatsCollector().CollectAsync(Replica("dashboard"), null, CancellationToken.None);

        Assert.True(snapshot.IsStandby);
        var replication = snapshot.Replication.Data!;
        Assert.True(replication.IsStandby);
        Assert.Empty(replication.Standbys);
        Assert.NotNull(replication.Self);
        Assert.True(replication.Self.LagBytes >= 0);
        Assert.True(replication.Self.LagSeconds is null or >= 0);
        Assert.Equal("streaming", replication.Self.State);
    }

    [Fact]
    public async Task Collect_SameStatementOverBatchTempTablesAndDailyPartitions_IsOneRowOfItsShape()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: true);
        // A temp table per batch (a new OID each time, so a new pg_stat_statements entry for the same text), and the
        // same query over two daily tables: one row each, summed, saying how many entries it stands for.
        for (var batch = 0; batch < 3; batch++)
        {
            await db.ExecuteAsync("""
                CREATE TEMP TABLE shape_staging (v int);
                INSERT INTO shape_staging SELECT g FROM generate_series(1, 10) g;
                SELECT count(*) FROM shape_staging WHERE v > 0;
                """);
        }

        await db.ExecuteAsync("CREATE TABLE shape_events_2026_12_06 (v int); CREATE TABLE shape_events_2026_12_07 (v int)");
        await db.ExecuteAsync("SELECT count(*) FROM shape_events_2026_12_06 WHERE v > 1", times: 2);
        await db.ExecuteAsync("SELECT count(*) FROM shape_events_2026_12_07 WHERE v > 1", times: 3);

        var snapshot = await new PostgresStatsCollector(AllStatements).CollectAsync(db.ConnectionString, null, CancellationToken.None);

        var panel = snapshot.TopQueries.Data!;
        var staging = Assert.Single(panel.ByTotalTime, s => s.Query.Contains("FROM shape_staging WHERE", StringComparison.Ordinal));
        Assert.Equal(3, staging.Calls);
        Assert.Equal(3, staging.Variants);
        var daily = Assert.Single(panel.ByTotalTime, s => s.Query.Contains("FROM shape_events_2026_12_0", StringComparison.Ordinal));
        Assert.Equal(5, daily.Calls);
        Assert.Equal(2, daily.Variants);
        Assert.Equal(daily.TotalExecMs / daily.Calls, daily.MeanExecMs, 6);
        Assert.Contains(panel.ByMeanTime, s => s.QueryId == daily.QueryId);
    }

    [Fact]
    public async Task Collect_AfterQueries_TopStatementsListThemWithExecColumns()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: true);
        await db.ExecuteAsync("SELECT 'sources_marker' AS sources_marker, g FROM generate_series(1, 100) g", times: 7);

        var snapshot = await new PostgresStatsCollector(AllStatements).CollectAsync(db.ConnectionString, null, CancellationToken.None);

        var panel = snapshot.TopQueries.Data!;
        Assert.Null(snapshot.TopQueries.Problem);
        Assert.Equal(snapshot.ServerVersionNum >= 130000 ? "total_exec_time" : "total_time", panel.TotalTimeColumn);
        var marker = Assert.Single(panel.ByTotalTime, s => s.Query.Contains("sources_marker", StringComparison.Ordinal));
        Assert.Equal(7, marker.Calls);
        Assert.Equal(700, marker.Rows);
        Assert.True(marker.TotalExecMs > 0 && marker.MeanExecMs > 0);
        Assert.Contains(panel.ByMeanTime, s => s.QueryId == marker.QueryId);
        Assert.False(marker.TextHidden);
    }

    [Fact]
    public async Task Collect_DatabaseWithoutExtension_SetupHintOnThatPanelOthersWork()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: false);

        var snapshot = await new PostgresStatsCollector().CollectAsync(db.ConnectionString, null, CancellationToken.None);

        Assert.Null(snapshot.TopQueries.Data);
        Assert.Equal(PanelProblemKind.MissingExtension, snapshot.TopQueries.Problem!.Kind);
        Assert.Contains("CREATE EXTENSION pg_stat_statements", snapshot.TopQueries.Problem.Message);
        Assert.Contains(db.Name, snapshot.TopQueries.Problem.Message);
        Assert.Equal([snapshot.TopQueries.Problem], Problems(snapshot).Where(p => p is not null));
        Assert.NotNull(snapshot.Connections.Data);
        Assert.NotNull(snapshot.CacheHit.Data);
        Assert.NotNull(snapshot.Sizes.Data);
        Assert.NotNull(snapshot.ReadWrite.Data);
        Assert.NotNull(snapshot.Replication.Data);
    }

    [Fact]
    public async Task Collect_RoleWithoutPgMonitor_InsufficientPrivilegeIsPermissionProblem()
    {
        var role = "sources_plain_" + Guid.NewGuid().ToString("N")[..8];
        var password = Guid.NewGuid().ToString("N");
        await MonitoredDatabase.Admin.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD '{password}'");
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: true);
        try
        {
            // Statements and a session of another role (the superuser) for the plain role not to see.
            await db.ExecuteAsync("SELECT 'owner_statement' AS hidden_from_plain", times: 3);
            await using var otherSession = new NpgsqlConnection(db.ConnectionString);
            await otherSession.OpenAsync();
            var plain = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = role, Password = password }.ConnectionString;

            var snapshot = await new PostgresStatsCollector(AllStatements).CollectAsync(plain, null, CancellationToken.None);

            Assert.Equal(PanelProblemKind.PermissionDenied, snapshot.TopQueries.Problem!.Kind);
            Assert.Contains("<insufficient privilege>", snapshot.TopQueries.Problem.Message);
            Assert.Contains("pg_monitor", snapshot.TopQueries.Problem.Message);
            Assert.DoesNotContain(snapshot.TopQueries.Data!.ByTotalTime, s => s.Query.Contains("owner_statement", StringComparison.Ordinal));
            Assert.Contains(snapshot.TopQueries.Data.ByTotalTime, s => s.TextHidden);
            Assert.Equal(PanelProblemKind.PermissionDenied, snapshot.Connections.Problem!.Kind);
            Assert.Equal(PanelProblemKind.PermissionDenied, snapshot.Replication.Problem!.Kind);
            // What needs no privilege still works.
            Assert.Null(snapshot.Sizes.Problem);
            Assert.Null(snapshot.Wraparound.Problem);
        }
        finally
        {
            await MonitoredDatabase.Admin.ExecuteAsync($"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task Collect_LongRunningAndIdleInTransaction_Listed()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: false);
        await using var idle = new NpgsqlConnection(db.ConnectionString);
        await idle.OpenAsync();
        await using (var begin = new NpgsqlCommand("BEGIN; SELECT 1", idle))
        {
            await begin.ExecuteNonQueryAsync();
        }
        await using var busy = new NpgsqlConnection(db.ConnectionString);
        await busy.OpenAsync();
        using var stop = new CancellationTokenSource();
        await using var sleep = new NpgsqlCommand("SELECT pg_sleep(60)", busy);
        var sleeping = sleep.ExecuteNonQueryAsync(stop.Token);
        var collector = new PostgresStatsCollector(new PostgresStatsOptions { LongRunningAfter = TimeSpan.Zero, IdleInTransactionAfter = TimeSpan.Zero });

        var snapshot = await Eventually.WaitForAsync(
            () => collector.CollectAsync(db.ConnectionString, null, CancellationToken.None),
            s => s.Sessions.Data!.LongRunning.Any(x => x.Pid == busy.ProcessID), TimeSpan.FromSeconds(10), "the sleeping session");

        var sessions = snapshot.Sessions.Data!;
        Assert.Contains(sessions.LongRunning, s => s.Pid == busy.ProcessID && s.Query!.Contains("pg_sleep", StringComparison.Ordinal));
        Assert.Contains(sessions.IdleInTransaction, s => s.Pid == idle.ProcessID && s.State == "idle in transaction");
        Assert.DoesNotContain(sessions.LongRunning, s => s.Pid == idle.ProcessID);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => sleeping);
    }

    [Fact]
    public async Task Collect_TablesAndIndexes_SizesRowsGrowthUnusedAndDuplicates()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: false);
        await db.ExecuteAsync("""
            CREATE TABLE orders (id bigint PRIMARY KEY, customer int, note text);
            INSERT INTO orders SELECT g, g % 100, repeat('x', 100) FROM generate_series(1, 10000) g;
            CREATE INDEX orders_customer ON orders (customer);
            CREATE INDEX orders_customer_again ON orders (customer);
            CREATE INDEX orders_note ON orders (note);
            ANALYZE orders;
            """);
        var collector = new PostgresStatsCollector(AllStatements);
        var first = await collector.CollectAsync(db.ConnectionString, null, CancellationToken.None);

        await db.ExecuteAsync("INSERT INTO orders SELECT g, g % 100, repeat('y', 100) FROM generate_series(10001, 30000) g");
        var second = await collector.CollectAsync(db.ConnectionString, first, CancellationToken.None);

        var orders = Assert.Single(first.Sizes.Data!.LargestTables, t => t.Name == "orders");
        Assert.Equal("public", orders.Schema);
        Assert.Equal(10_000, orders.EstimatedRows);
        Assert.True(orders.TableBytes > 0 && orders.IndexBytes > 0 && orders.TotalBytes >= orders.TableBytes + orders.IndexBytes);
        var duplicate = Assert.Single(first.Indexes.Data!.Duplicates);
        Assert.Equal(["orders_customer", "orders_customer_again"], duplicate.Indexes);
        Assert.Contains(first.Indexes.Data.Unused, i => i.Index == "orders_note");
        Assert.DoesNotContain(first.Indexes.Data.Unused, i => i.Index == "orders_pkey");
        var growth = Assert.Single(second.Rates!.TableGrowth, g => g.Name == "public.orders");
        Assert.True(growth.BytesPerSecond > 0);
        Assert.Contains(second.Rates.DatabaseGrowth, g => g.Name == db.Name && g.BytesPerSecond > 0);
    }

    [Fact]
    public async Task Collect_PartitionedTableIndex_OneUnusedEntryForTheParent_UsedWhenAnyPartitionIsScanned()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: false);
        await db.ExecuteAsync("""
            CREATE TABLE readings (at date NOT NULL, sensor int, value float8) PARTITION BY RANGE (at);
            CREATE TABLE readings_d1 PARTITION OF readings FOR VALUES FROM ('2026-12-01') TO ('2026-12-02');
            CREATE TABLE readings_d2 PARTITION OF readings FOR VALUES FROM ('2026-12-02') TO ('2026-12-03');
            CREATE TABLE readings_d3 PARTITION OF readings FOR VALUES FROM ('2026-12-03') TO ('2026-12-04');
            CREATE INDEX readings_sensor ON readings (sensor);
            CREATE INDEX readings_value ON readings (value);
            INSERT INTO readings SELECT date '2026-12-01' + (g % 3), g % 50, g FROM generate_series(1, 3000) g;
            ANALYZE readings;
            """);
        var collector = new PostgresStatsCollector(AllStatements);

        var before = (await collector.CollectAsync(db.ConnectionString, null, CancellationToken.None)).Indexes.Data!.Unused;

        // One entry per index of the parent table, none per partition's copy; its size is all the copies'.
        var sensor = Assert.Single(before, i => i.Index == "readings_sensor");
        Assert.Equal("readings", sensor.Table);
        Assert.Contains(before, i => i.Index == "readings_value");
        Assert.DoesNotContain(before, i => i.Table.StartsWith("readings_d", StringComparison.Ordinal));
        var oneCopy = await db.ScalarAsync<long>("SELECT pg_relation_size(indexrelid) FROM pg_stat_user_indexes WHERE relname = 'readings_d1' AND indexrelname LIKE '%sensor%'");
        Assert.True(sensor.Bytes >= 3 * oneCopy, $"{sensor.Bytes} bytes for three copies of {oneCopy}");

        // A scan of one partition's copy is a use of the index.
        await db.ExecuteAsync("""
            SET enable_seqscan = off;
            SELECT count(*) FROM readings WHERE at = '2026-12-02' AND sensor = 7;
            """);
        var after = await Eventually.WaitForAsync(
            () => collector.CollectAsync(db.ConnectionString, null, CancellationToken.None),
            s => s.Indexes.Data!.Unused.All(i => i.Index != "readings_sensor"), TimeSpan.FromSeconds(10), "the scan counted");
        Assert.Contains(after.Indexes.Data!.Unused, i => i.Index == "readings_value");
    }

    [Fact]
    public async Task Collect_PartitionedTable_PartitionsNameTheirParentAndAreCounted()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: false);
        await db.ExecuteAsync("""
            CREATE TABLE events (at date NOT NULL, payload text) PARTITION BY RANGE (at);
            CREATE TABLE events_2026_11 PARTITION OF events FOR VALUES FROM ('2026-11-01') TO ('2026-12-01');
            CREATE TABLE plain (id int);
            INSERT INTO events SELECT '2026-11-15', repeat('x', 200) FROM generate_series(1, 2000);
            ANALYZE;
            """);

        var snapshot = await new PostgresStatsCollector(AllStatements).CollectAsync(db.ConnectionString, null, CancellationToken.None);

        var sizes = snapshot.Sizes.Data!;
        Assert.Equal(1, sizes.PartitionedTables);
        var partition = Assert.Single(sizes.LargestTables, t => t.Name == "events_2026_11");
        Assert.Equal("public.events", partition.PartitionOf);
        Assert.Equal(2000, partition.Rows);
        Assert.Null(Assert.Single(sizes.LargestTables, t => t.Name == "plain").PartitionOf);
    }

    [Fact]
    public async Task Collect_Wraparound_ReadsBothFreezeSettings()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: false);

        var snapshot = await new PostgresStatsCollector().CollectAsync(db.ConnectionString, null, CancellationToken.None);

        var wraparound = snapshot.Wraparound.Data!;
        Assert.Equal(await db.ScalarAsync<long>("SELECT current_setting('autovacuum_freeze_max_age')::bigint"), wraparound.AutovacuumFreezeMaxAge);
        Assert.Equal(await db.ScalarAsync<long>("SELECT current_setting('vacuum_failsafe_age')::bigint"), wraparound.VacuumFailsafeAge);
    }

    [Fact]
    public async Task StoredSnapshot_RoundTrip_SameFiguresWithoutStatementCounters()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: true);
        await db.ExecuteAsync("CREATE TABLE t (a int); INSERT INTO t SELECT generate_series(1, 100)");
        await db.ExecuteAsync("SELECT count(*) AS roundtrip_marker FROM t", times: 3);
        var collector = new PostgresStatsCollector(AllStatements);
        var first = await collector.CollectAsync(db.ConnectionString, null, CancellationToken.None);
        var snapshot = await collector.CollectAsync(db.ConnectionString, first, CancellationToken.None);

        var back = PostgresSnapshotStore.Deserialize(PostgresSnapshotStore.Serialize(snapshot));

        Assert.NotEmpty(snapshot.TopQueries.Data!.Counters);
        Assert.Empty(back.TopQueries.Data!.Counters);
        Assert.Equal(snapshot.TopQueries.Data.ByTotalTime, back.TopQueries.Data.ByTotalTime);
        Assert.Equal(snapshot.Connections.Data!.Groups, back.Connections.Data!.Groups);
        Assert.Equal(snapshot.Sizes.Data!.LargestTables, back.Sizes.Data!.LargestTables);
        Assert.Equal(snapshot.Sizes.Data.PartitionedTables, back.Sizes.Data.PartitionedTables);
        Assert.Equal(snapshot.Wraparound.Data!.Databases, back.Wraparound.Data!.Databases);
        Assert.Equal(snapshot.Wraparound.Data.VacuumFailsafeAge, back.Wraparound.Data.VacuumFailsafeAge);
        Assert.Equal(snapshot.Replication.Data!.Standbys, back.Replication.Data!.Standbys);
        Assert.Equal(snapshot.Rates!.Interval, back.Rates!.Interval);
        Assert.Equal(snapshot.Rates.TableGrowth, back.Rates.TableGrowth);
        Assert.Equal(snapshot.TakenAt, back.TakenAt);
    }

    [Fact]
    public async Task Collect_CountersResetBetweenSnapshots_RateUnknownNeverNegative()
    {
        await using var db = await MonitoredDatabase.CreateAsync(withPgStatStatements: true);
        await db.ExecuteAsync("CREATE TABLE t (a int); INSERT INTO t SELECT generate_series(1, 1000)");
        const string Marker = "SELECT count(*) AS reset_marker FROM t";
        await db.ExecuteAsync(Marker, times: 20);
        var collector = new PostgresStatsCollector(AllStatements);
        var before = await collector.CollectAsync(db.ConnectionString, null, CancellationToken.None);
        var dbid = await db.ScalarAsync<uint>($"SELECT oid FROM pg_database WHERE datname = '{db.Name}'");

        await db.ExecuteAsync($"SELECT pg_stat_reset(); SELECT pg_stat_statements_reset(0, {dbid}, 0)");
        await db.ExecuteAsync(Marker, times: 2);
        var after = await collector.CollectAsync(db.ConnectionString, before, CancellationToken.None);

        var rates = after.Rates!;
        Assert.True(rates.RowsRead.Reset);
        Assert.Null(rates.RowsRead.PerSecond);
        Assert.True(rates.Transactions.Reset);
        Assert.Null(rates.HeapCacheHitRatio);
        var marker = after.TopQueries.Data!.ByTotalTime.Single(s => s.Query.Contains("reset_marker", StringComparison.Ordinal));
        var markerRate = Assert.Single(rates.Statements, s => s.QueryId == marker.QueryId);
        Assert.Equal(new Rate(null, true), markerRate.Calls);
        Assert.Equal(new Rate(null, true), markerRate.ExecMsPerSecond);
        AssertNoNegativeRate(rates);

        // Without a reset in between, the same counters give known, non-negative rates.
        await db.ExecuteAsync(Marker, times: 3);
        var next = await collector.CollectAsync(db.ConnectionString, after, CancellationToken.None);
        Assert.False(next.Rates!.Transactions.Reset);
        Assert.True(next.Rates.Transactions.PerSecond >= 0);
        var nextMarker = Assert.Single(next.Rates.Statements, s => s.QueryId == marker.QueryId);
        Assert.True(nextMarker.Calls.PerSecond > 0);
        AssertNoNegativeRate(next.Rates);
    }

    [Fact]
    public async Task Collect_PreviousSnapshotOfAnotherTarget_NoRates()
    {
        await using var one = await MonitoredDatabase.CreateAsync(withPgStatStatements: false);
        await using var two = await MonitoredDatabase.CreateAsync(withPgStatStatements: false);
        var collector = new PostgresStatsCollector();
        var first = await collector.CollectAsync(one.ConnectionString, null, CancellationToken.None);

        var second = await collector.CollectAsync(two.ConnectionString, first, CancellationToken.None);

        Assert.Null(second.Rates);
    }

    private static void AssertNoNegativeRate(PostgresStatsRates rates)
    {
        Rate[] all = [rates.Transactions, rates.RowsRead, rates.RowsWritten, .. rates.Statements.SelectMany(s => new[] { s.Calls, s.ExecMsPerSecond })];
        Assert.All(all, r => Assert.True(r.PerSecond is null or >= 0, $"negative rate {r.PerSecond}"));
        Assert.True(rates.ReadShare is null or >= 0 and <= 1);
    }

    private static PanelProblem?[] Problems(PostgresStatsSnapshot s) =>
    [
        s.Connections.Problem, s.CacheHit.Problem, s.TopQueries.Problem, s.Sessions.Problem, s.Replication.Problem,
        s.Sizes.Problem, s.ReadWrite.Problem, s.Wraparound.Problem, s.Indexes.Problem,
    ];
}
