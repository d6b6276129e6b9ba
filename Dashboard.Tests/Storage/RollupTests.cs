using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Tests.Storage;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class RollupTests(DashboardAppFactory app)
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    private readonly record struct Bucket(string Entity, DateTimeOffset Start, double Min, double Max, double Avg, long Count);

    private ObservationWriter Writer => app.Services.GetRequiredService<ObservationWriter>();
    private ObservationRollups Rollups => app.Services.GetRequiredService<ObservationRollups>();

    // The reference: a direct aggregate of the finite raw points (NaN and ±Inf are stored but not rolled up).
    private const string Direct = """
        SELECT s.entity, date_bin(@width, o.ts, timestamptz '2000-01-01 00:00:00+00') AS bucket,
               min(o.value), max(o.value), avg(o.value), count(*)
        FROM observations o JOIN series s ON s.id = o.series_id
        WHERE s.metric = @metric AND o.value > '-Infinity'::float8 AND o.value < 'Infinity'::float8
        GROUP BY 1, 2 ORDER BY 1, 2
        """;

    private static string Stored(string table) => $"""
        SELECT s.entity, r.bucket, r.min, r.max, r.avg, r.count
        FROM {table} r JOIN series s ON s.id = r.series_id
        WHERE s.metric = @metric ORDER BY 1, 2
        """;

    [Fact]
    public async Task ProcessPending_AfterWrites_MatchesDirectAggregateOfRawPoints()
    {
        var metric = StoreFixture.NewMetric("rollup");
        // 2.5 hours of 10 s points from 09:50: partial first hour and partial first 5-minute bucket edges.
        var start = StoreFixture.WindowStart.AddMinutes(-10).AddSeconds(3);
        var window = StoreFixture.Window(metric, start, 900, TimeSpan.FromSeconds(10), "a", "b");
        window[5] = window[5] with { Value = double.NaN };
        window[6] = window[6] with { Value = double.PositiveInfinity };
        window[7] = window[7] with { Value = double.NegativeInfinity };
        // A whole 5-minute bucket of NaN has no rollup row at all.
        for (var i = 60; i < 90; i++)
        {
            window[i] = window[i] with { Value = double.NaN };
        }
        await Writer.WriteAsync(window, CancellationToken.None);

        await Rollups.ProcessPendingAsync(CancellationToken.None);

        var fiveMinutes = await ReadAsync(Stored("observations_5m"), metric);
        var hours = await ReadAsync(Stored("observations_1h"), metric);
        AssertSame(await ReadAsync(Direct, metric, FiveMinutes), fiveMinutes);
        AssertSame(await ReadAsync(Direct, metric, OneHour), hours);
        // 09:50 to 12:15 is 30 buckets and 4 hours per entity; one bucket of "a" is all NaN.
        Assert.Equal(2 * 30 - 1, fiveMinutes.Count);
        Assert.Equal(2 * 4, hours.Count);
        Assert.Equal(2 * 900 - 3 - 30, hours.Sum(h => h.Count));
    }

    [Fact]
    public async Task ProcessPending_LatePointIntoRolledUpBucket_UpdatesThatBucketAndRerunChangesNothing()
    {
        var metric = StoreFixture.NewMetric("late");
        var start = StoreFixture.WindowStart;
        await Writer.WriteAsync(StoreFixture.Window(metric, start, 60, TimeSpan.FromSeconds(30), ""), CancellationToken.None);
        await Rollups.ProcessPendingAsync(CancellationToken.None);
        var before = await ReadAsync(Stored("observations_5m"), metric);

        // A late point, lower than everything, in the second bucket (a backfill after an outage).
        await Writer.WriteAsync([new Observation(metric, "", start.AddMinutes(7).AddSeconds(1), -50)], CancellationToken.None);
        await Rollups.ProcessPendingAsync(CancellationToken.None);
        var after = await ReadAsync(Stored("observations_5m"), metric);
        await Rollups.ProcessPendingAsync(CancellationToken.None);
        var again = await ReadAsync(Stored("observations_5m"), metric);

        Assert.Equal(11, after[1].Count);
        Assert.Equal(-50, after[1].Min);
        Assert.Equal(before.Where((_, i) => i != 1), after.Where((_, i) => i != 1));
        AssertSame(await ReadAsync(Direct, metric, FiveMinutes), after);
        AssertSame(await ReadAsync(Direct, metric, OneHour), await ReadAsync(Stored("observations_1h"), metric));
        Assert.Equal(after, again);
    }

    [Fact]
    public async Task RebuildAsync_RollupsLost_RecomputesThemFromRawPoints()
    {
        var metric = StoreFixture.NewMetric("rebuild");
        var start = StoreFixture.WindowStart;
        await Writer.WriteAsync(StoreFixture.Window(metric, start, 240, TimeSpan.FromSeconds(30), "x", "y"), CancellationToken.None);
        await Rollups.ProcessPendingAsync(CancellationToken.None);
        await using (var connection = await StoreFixture.OpenPrimaryAsync(app))
        await using (var delete = new NpgsqlCommand("""
            DELETE FROM observations_5m WHERE series_id IN (SELECT id FROM series WHERE metric = @metric);
            DELETE FROM observations_1h WHERE series_id IN (SELECT id FROM series WHERE metric = @metric);
            """, connection))
        {
            delete.Parameters.AddWithValue("metric", metric);
            await delete.ExecuteNonQueryAsync();
        }
        Assert.Empty(await ReadAsync(Stored("observations_5m"), metric));

        await Rollups.RebuildAsync(start, start.AddHours(2), CancellationToken.None);

        var hours = await ReadAsync(Stored("observations_1h"), metric);
        AssertSame(await ReadAsync(Direct, metric, FiveMinutes), await ReadAsync(Stored("observations_5m"), metric));
        AssertSame(await ReadAsync(Direct, metric, OneHour), hours);
        Assert.Equal(4, hours.Count);
    }

    private static void AssertSame(List<Bucket> expected, List<Bucket> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.NotEmpty(expected);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal((e.Entity, e.Start, e.Min, e.Max, e.Count), (a.Entity, a.Start, a.Min, a.Max, a.Count));
            // Sums in another order differ in the last bits.
            Assert.Equal(e.Avg, a.Avg, 1e-9);
        }
    }

    private async Task<List<Bucket>> ReadAsync(string sql, string metric, TimeSpan? width = null)
    {
        await using var connection = await StoreFixture.OpenPrimaryAsync(app);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("metric", metric);
        if (width is not null)
        {
            command.Parameters.AddWithValue("width", width.Value);
        }
        var rows = new List<Bucket>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Bucket(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetDouble(2),
                reader.GetDouble(3), reader.GetDouble(4), reader.GetInt64(5)));
        }
        return rows;
    }
}
