using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Tests.Storage;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ObservationWriterTests(DashboardAppFactory app)
{
    private ObservationWriter Writer => app.Services.GetRequiredService<ObservationWriter>();

    [Fact]
    public async Task WriteAsync_SameWindowTwice_StoresEachPointOnce()
    {
        var metric = StoreFixture.NewMetric("rerun");
        var window = StoreFixture.Window(metric, StoreFixture.WindowStart, 500, TimeSpan.FromSeconds(15), "host=\"a\"", "host=\"b\"", "");

        var first = await Writer.WriteAsync(window, CancellationToken.None);
        var second = await Writer.WriteAsync(window, CancellationToken.None);

        Assert.Equal(new ObservationWriteResult(1500, 1500, 0, 0), first);
        Assert.Equal(new ObservationWriteResult(1500, 0, 1500, 0), second);
        await StoreFixture.AssertStoredExactlyAsync(app, metric, window);
    }

    [Fact]
    public async Task WriteAsync_OverlappingWindowWithChangedValues_KeepsFirstValues()
    {
        var metric = StoreFixture.NewMetric("overlap");
        var start = StoreFixture.WindowStart;
        var first = StoreFixture.Window(metric, start, 100, TimeSpan.FromSeconds(30), "db");
        // The re-read window overlaps half of the first and reports other values for the overlap.
        var second = StoreFixture.Window(metric, start.AddMinutes(25), 100, TimeSpan.FromSeconds(30), "db")
            .Select(o => o with { Value = o.Value + 1000 }).ToList();

        await Writer.WriteAsync(first, CancellationToken.None);
        var result = await Writer.WriteAsync(second, CancellationToken.None);

        Assert.Equal(new ObservationWriteResult(100, 50, 50, 0), result);
        await StoreFixture.AssertStoredExactlyAsync(app, metric, first.Concat(second.Skip(50)));
    }

    [Fact]
    public async Task WriteAsync_SamePointTwiceInOneBatch_StoresItOnce()
    {
        var metric = StoreFixture.NewMetric("dupbatch");
        var point = new Observation(metric, "", StoreFixture.WindowStart, 7);

        var result = await Writer.WriteAsync([point, point, point with { Timestamp = point.Timestamp.AddSeconds(1) }], CancellationToken.None);

        Assert.Equal(new ObservationWriteResult(3, 2, 1, 0), result);
        Assert.Equal(2, (await StoreFixture.StoredAsync(app, metric)).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WriteAsync_WriterKilledMidBatch_StoresNothingThenRerunStoresEveryPointOnce(bool partlyStoredBefore)
    {
        var metric = StoreFixture.NewMetric("killed");
        var window = StoreFixture.Window(metric, StoreFixture.WindowStart, 2000, TimeSpan.FromSeconds(15), "a", "b");
        // The series and the day's partition exist before the kill, as they would on a live system.
        // A point inside the window sends the batch through the staging path; one outside, straight to the table.
        var before = partlyStoredBefore ? window[0] : window[0] with { Timestamp = window[0].Timestamp.AddHours(-1) };
        await Writer.WriteAsync([before], CancellationToken.None);

        Exception killed;
        await using (var held = await HeldPoint.HoldAsync(app, window[1500]))
        {
            var write = Writer.WriteAsync(window, CancellationToken.None);
            await held.KillBlockedWriterAsync();
            killed = await Assert.ThrowsAnyAsync<Exception>(() => write);
        }

        Assert.True(killed is NpgsqlException or PostgresException, killed.ToString());
        // The points the writer had stored before it died were rolled back with it.
        Assert.Single(await StoreFixture.StoredAsync(app, metric));
        var rerun = await Writer.WriteAsync(window, CancellationToken.None);
        Assert.Equal(partlyStoredBefore ? new ObservationWriteResult(4000, 3999, 1, 0) : new ObservationWriteResult(4000, 4000, 0, 0), rerun);
        await StoreFixture.AssertStoredExactlyAsync(app, metric, partlyStoredBefore ? window : window.Prepend(before));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWriterStoresAPointMidCopy_FallsBackAndStoresTheRestOnce()
    {
        var metric = StoreFixture.NewMetric("race");
        var window = StoreFixture.Window(metric, StoreFixture.WindowStart, 1000, TimeSpan.FromSeconds(15), "a");
        var before = window[0] with { Timestamp = window[0].Timestamp.AddHours(-1) };
        await Writer.WriteAsync([before], CancellationToken.None);

        ObservationWriteResult result;
        await using (var held = await HeldPoint.HoldAsync(app, window[700]))
        {
            var write = Writer.WriteAsync(window, CancellationToken.None);
            await held.WaitForBlockedWriterAsync();
            await held.CommitAsync();
            result = await write;
        }

        Assert.Equal(new ObservationWriteResult(1000, 999, 1, 0), result);
        await StoreFixture.AssertStoredExactlyAsync(app, metric, window.Prepend(before));
    }

    [Fact]
    public async Task WriteAsync_NaNAndInfinities_RoundTrip()
    {
        var metric = StoreFixture.NewMetric("nonfinite");
        var start = StoreFixture.WindowStart;
        Observation[] points =
        [
            new(metric, "", start, double.NaN),
            new(metric, "", start.AddSeconds(1), double.PositiveInfinity),
            new(metric, "", start.AddSeconds(2), double.NegativeInfinity),
            new(metric, "", start.AddSeconds(3), -0.0),
            new(metric, "", start.AddSeconds(4), double.Epsilon),
            new(metric, "", start.AddSeconds(5), double.MaxValue),
        ];

        await Writer.WriteAsync(points, CancellationToken.None);

        var stored = (await StoreFixture.StoredAsync(app, metric)).Select(r => r.Value).ToList();
        Assert.Equal(points.Select(p => BitConverter.DoubleToInt64Bits(p.Value)), stored.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public async Task WriteAsync_BackfilledDayWithoutPartition_CreatesItAndStoresThePoints()
    {
        var metric = StoreFixture.NewMetric("backfill");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-300);
        var partition = PartitionMaintenance.PartitionName(day);
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 50)), TimeSpan.Zero);
        // Ten minutes either side of midnight: two days, so two partitions.
        var window = StoreFixture.Window(metric, start, 80, TimeSpan.FromSeconds(15), "");

        var result = await Writer.WriteAsync(window, CancellationToken.None);

        Assert.Equal(80, result.Inserted);
        await StoreFixture.AssertStoredExactlyAsync(app, metric, window);
        var days = await app.Services.GetRequiredService<PartitionMaintenance>().ListAsync(CancellationToken.None);
        Assert.Contains(day, days);
        Assert.Contains(day.AddDays(1), days);
        await using var connection = await StoreFixture.OpenPrimaryAsync(app);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {partition} o JOIN series s ON s.id = o.series_id WHERE s.metric = @m", connection);
        count.Parameters.AddWithValue("m", metric);
        Assert.Equal(40L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task WriteAsync_PointsPastRetentionOrFarAhead_AreRejectedAndCounted()
    {
        var metric = StoreFixture.NewMetric("window");
        var now = DateTimeOffset.UtcNow;
        Observation[] points =
        [
            new(metric, "", now.AddDays(-500), 1),
            new(metric, "", now.AddDays(-1), 2),
            new(metric, "", now.AddHours(2), 3),
            new(metric, "", now.AddDays(3), 4),
        ];

        var result = await Writer.WriteAsync(points, CancellationToken.None);

        Assert.Equal(new ObservationWriteResult(4, 2, 0, 2), result);
        Assert.Equal([2.0, 3.0], (await StoreFixture.StoredAsync(app, metric)).Select(r => r.Value));
    }

    [Fact]
    public async Task WriteAsync_ShuffledBatchWithRepeatsAcrossSeries_StoresTheFirstOfEachPoint()
    {
        var metric = StoreFixture.NewMetric("shuffled");
        var window = StoreFixture.Window(metric, StoreFixture.WindowStart, 300, TimeSpan.FromSeconds(10), "c", "a", "b");
        // Every point twice with another value, the copies behind their originals, then all shuffled
        // with a fixed seed: series interleaved and time out of order.
        var repeats = window.Select(o => o with { Value = -o.Value - 1 });
        var batch = window.Select((o, i) => (Order: i, Point: o)).Concat(repeats.Select((o, i) => (Order: window.Count + i, Point: o)))
            .OrderBy(x => x.Order % 7).ThenByDescending(x => x.Order).Select(x => x.Point).ToList();
        var first = batch.GroupBy(o => (o.Entity, o.Timestamp)).Select(g => g.First()).ToList();

        var result = await Writer.WriteAsync(batch, CancellationToken.None);

        Assert.Equal(new ObservationWriteResult(1800, 900, 900, 0), result);
        await StoreFixture.AssertStoredExactlyAsync(app, metric, first);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersOfOverlappingWindows_StoreEachPointOnce()
    {
        var metric = StoreFixture.NewMetric("concurrent");
        var window = StoreFixture.Window(metric, StoreFixture.WindowStart, 3000, TimeSpan.FromSeconds(5), "a", "b");
        // Four writers at once: the whole window twice, and each half of it.
        var a = window.Where(o => o.Entity == "a").ToList();
        var b = window.Where(o => o.Entity == "b").ToList();
        List<Observation>[] batches = [window, window, [.. a.Take(2000), .. b.Take(2000)], [.. a.Skip(1000), .. b.Skip(1000)]];

        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => Writer.WriteAsync(batch, CancellationToken.None))));

        Assert.Equal(window.Count, results.Sum(r => r.Inserted));
        Assert.Equal(batches.Sum(batch => batch.Count) - window.Count, results.Sum(r => r.Duplicates));
        Assert.All(results, r => Assert.Equal(r.Received, r.Inserted + r.Duplicates));
        await StoreFixture.AssertStoredExactlyAsync(app, metric, window);
    }

    [Fact]
    public async Task WriteAsync_OverlapSpanningTwoPartitions_StoresOnlyTheNewPoints()
    {
        var metric = StoreFixture.NewMetric("spanning");
        var midnight = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-3);
        // First 23:30-23:50 of one day; then 23:40 to 00:20 of the next, across the partition boundary.
        var first = StoreFixture.Window(metric, midnight.AddMinutes(-30), 80, TimeSpan.FromSeconds(15), "x", "y");
        var second = StoreFixture.Window(metric, midnight.AddMinutes(-20), 160, TimeSpan.FromSeconds(15), "x", "y")
            .Select(o => o with { Value = o.Value + 500 }).ToList();
        var overlap = second.Count(o => o.Timestamp < midnight.AddMinutes(-10));

        await Writer.WriteAsync(first, CancellationToken.None);
        var result = await Writer.WriteAsync(second, CancellationToken.None);

        Assert.Equal(80, overlap);
        Assert.Equal(new ObservationWriteResult(320, 240, 80, 0), result);
        await StoreFixture.AssertStoredExactlyAsync(app, metric, first.Concat(second.Where(o => o.Timestamp >= midnight.AddMinutes(-10))));
        await using var connection = await StoreFixture.OpenPrimaryAsync(app);
        await using var count = new NpgsqlCommand($"""
            SELECT count(*) FROM {PartitionMaintenance.PartitionName(DateOnly.FromDateTime(midnight.UtcDateTime))} o
            JOIN series s ON s.id = o.series_id WHERE s.metric = @m
            """, connection);
        count.Parameters.AddWithValue("m", metric);
        Assert.Equal(160L, await count.ExecuteScalarAsync());
    }
}
