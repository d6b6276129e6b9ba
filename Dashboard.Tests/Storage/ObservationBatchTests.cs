using System.Buffers.Binary;
using Dashboard.Jobs.Storage;

namespace Dashboard.Tests.Storage;

/// <summary>The writer's batch: key order, first-wins de-duplication, and the binary COPY bytes it sends.</summary>
public sealed class ObservationBatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static ObservationBatch Create(params (long Series, DateTimeOffset Ts, double Value)[] points) =>
        ObservationBatch.Create(
            [.. points.Select(p => p.Series), 77], // a longer array than the batch, as a pooled one is
            [.. points.Select(p => ObservationBatch.ToMicros(p.Ts)), 0],
            [.. points.Select(p => p.Value), 0],
            points.Length);

    [Fact]
    public async Task Create_InterleavedOutOfOrderPointsWithRepeats_KeyOrderFirstOfEachKept()
    {
        using var batch = Create(
            (9, T0.AddSeconds(30), 1),
            (2, T0.AddSeconds(15), 2),
            (9, T0, 3),
            (2, T0, 4),
            (9, T0.AddSeconds(30), 5),   // repeat of the first point: the first one wins
            (2, T0.AddSeconds(15).AddTicks(3), 6), // the same microsecond as (2, +15 s)
            (5, T0.AddSeconds(15), 7));

        Assert.Equal(5, batch.Count);
        Assert.Equal([2L, 5L, 9L], batch.DistinctSeriesIds);
        Assert.Equal(
            [(2L, T0, 4.0), (2L, T0.AddSeconds(15), 2.0), (5L, T0.AddSeconds(15), 7.0), (9L, T0, 3.0), (9L, T0.AddSeconds(30), 1.0)],
            await RowsAsync(batch));
    }

    [Fact]
    public void Create_PointsAcrossBucketsAndDays_FromToAndFiveMinuteBuckets()
    {
        var midnight = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
        using var batch = Create(
            (1, midnight.AddMinutes(4).AddSeconds(59), 1),
            (1, midnight.AddMinutes(-1), 2),
            (3, midnight.AddMinutes(5), 3),
            (1, midnight.AddMinutes(1).AddTicks(17), 4));

        Assert.Equal(midnight.AddMinutes(-1).UtcDateTime, batch.From);
        Assert.Equal(midnight.AddMinutes(5).UtcDateTime, batch.To);
        Assert.Equal(DateTimeKind.Utc, batch.From.Kind);
        Assert.Equal(
            [midnight.AddMinutes(-5).UtcDateTime, midnight.UtcDateTime, midnight.AddMinutes(5).UtcDateTime],
            batch.Buckets.Order());
    }

    [Theory]
    [InlineData(64)]        // a chunk holds one row: every row flushes
    [InlineData(100)]       // rows and the trailer straddle chunk ends
    [InlineData(65536)]
    public async Task WriteCopyAsync_AnyChunkSize_PgcopyHeaderRowsAndTrailer(int chunkBytes)
    {
        var points = Enumerable.Range(0, 50)
            .Select(i => ((long)(i % 3), T0.AddSeconds(i), i == 7 ? double.NaN : i * -1.5)).ToArray();
        using var batch = Create(points);
        using var stream = new MemoryStream();

        await batch.WriteCopyAsync(stream, CancellationToken.None, chunkBytes);

        var bytes = stream.ToArray();
        Assert.Equal([(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xff, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0], bytes[..19]);
        Assert.Equal(19 + 50 * 38 + 2, bytes.Length);
        Assert.Equal(-1, BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(bytes.Length - 2)));
        var expected = points.OrderBy(p => p.Item1).ThenBy(p => p.Item2).ToList();
        var rows = Parse(bytes);
        Assert.Equal(expected.Select(p => (p.Item1, p.Item2)), rows.Select(r => (r.Series, r.Ts)));
        Assert.Equal(expected.Select(p => BitConverter.DoubleToInt64Bits(p.Item3)), rows.Select(r => BitConverter.DoubleToInt64Bits(r.Value)));
    }

    [Fact]
    public async Task WriteCopyAsync_AfterDispose_Throws()
    {
        var batch = Create((1, T0, 1));
        batch.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => batch.WriteCopyAsync(new MemoryStream(), CancellationToken.None));
    }

    [Fact]
    public async Task WriteCopyAsync_Cancelled_Throws()
    {
        using var batch = Create([.. Enumerable.Range(0, 10_000).Select(i => (1L, T0.AddSeconds(i), 1.0))]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch.WriteCopyAsync(new MemoryStream(), cancelled.Token, 1024));
    }

    private static async Task<List<(long Series, DateTimeOffset Ts, double Value)>> RowsAsync(ObservationBatch batch)
    {
        using var stream = new MemoryStream();
        await batch.WriteCopyAsync(stream, CancellationToken.None);
        return Parse(stream.ToArray());
    }

    /// <summary>Reads PGCOPY rows of (bigint, timestamptz, float8) back, checking every field length.</summary>
    private static List<(long Series, DateTimeOffset Ts, double Value)> Parse(byte[] bytes)
    {
        var epoch = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new List<(long, DateTimeOffset, double)>();
        var at = 19;
        while (BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(at)) is var fields && fields != -1)
        {
            Assert.Equal(3, fields);
            var values = new long[3];
            for (var f = 0; f < 3; f++)
            {
                Assert.Equal(8, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at + 2 + f * 12)));
                values[f] = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(at + 6 + f * 12));
            }
            rows.Add((values[0], epoch.AddTicks(values[1] * 10), BitConverter.Int64BitsToDouble(values[2])));
            at += 38;
        }
        Assert.Equal(bytes.Length - 2, at);
        return rows;
    }
}
