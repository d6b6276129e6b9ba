using System.Buffers;
using System.Buffers.Binary;

namespace Dashboard.Jobs.Storage;

/// <summary>
/// One write's points as the store keys them: one per (series, microsecond), the first of the
/// batch winning a tie, in key order (series, then time), ready to be sent as a binary COPY.
/// Built in linear time: points are grouped by series with a stable counting sort (a batch holds
/// few series and many points), and a series' points are only sorted when they did not arrive in
/// time order.
/// </summary>
internal sealed class ObservationBatch : IDisposable
{
    /// <summary>PostgreSQL's timestamp epoch, 2000-01-01 UTC, in .NET ticks (a multiple of 5 minutes).</summary>
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private const long FiveMinuteMicros = 5 * 60 * 1_000_000L;
    private const int RowBytes = 2 + 3 * (4 + 8);

    /// <summary>The binary COPY signature "PGCOPY\n\xff\r\n\0", flags 0, header extension length 0.</summary>
    private static ReadOnlySpan<byte> Header =>
        [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xff, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    // Rented from the shared pool (a batch's arrays are large-object-heap sized; allocating them per
    // batch means full collections of a big heap), returned by Dispose.
    private long[]? seriesIds;
    private long[]? micros;
    private double[]? values;

    private ObservationBatch(long[] seriesIds, long[] micros, double[] values, int count, long[] distinctSeries, long[] buckets)
    {
        this.seriesIds = seriesIds;
        this.micros = micros;
        this.values = values;
        Count = count;
        DistinctSeriesIds = distinctSeries;
        Buckets = Array.ConvertAll(buckets, ToDateTime);
        var min = long.MaxValue;
        var max = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            min = Math.Min(min, micros[i]);
            max = Math.Max(max, micros[i]);
        }
        From = ToDateTime(min);
        To = ToDateTime(max);
    }

    /// <summary>Points after de-duplication.</summary>
    public int Count { get; }

    /// <summary>The batch's series, ascending.</summary>
    public long[] DistinctSeriesIds { get; }

    /// <summary>Earliest point (UTC, microsecond precision).</summary>
    public DateTime From { get; }

    /// <summary>Latest point (UTC, microsecond precision).</summary>
    public DateTime To { get; }

    /// <summary>The distinct 5-minute buckets the points fall in (for the rollup queue).</summary>
    public DateTime[] Buckets { get; }

    /// <summary>A timestamp as PostgreSQL stores it: microseconds since 2000-01-01 UTC (finer ticks dropped).</summary>
    public static long ToMicros(DateTimeOffset timestamp) => timestamp.UtcTicks / 10 - EpochTicks / 10;

    /// <summary>
    /// Builds the batch from the first <paramref name="count"/> entries of parallel arrays (point i:
    /// series <paramref name="ids"/>[i], time <paramref name="pointMicros"/>[i] (see <see cref="ToMicros"/>),
    /// value <paramref name="pointValues"/>[i]), in the order the points arrived. The arrays are only read.
    /// </summary>
    public static ObservationBatch Create(long[] ids, long[] pointMicros, double[] pointValues, int count)
    {
        var n = count;
        // Dense slot per series, in order of first appearance, and each slot's point count.
        var slotOf = new Dictionary<long, int>();
        var slots = ArrayPool<int>.Shared.Rent(n);
        var at = ArrayPool<int>.Shared.Rent(n);
        try
        {
            var counts = new List<int>();
            var lastId = 0L;
            var lastSlot = -1;
            for (var i = 0; i < n; i++)
            {
                var id = ids[i];
                if (lastSlot < 0 || id != lastId)
                {
                    if (!slotOf.TryGetValue(id, out lastSlot))
                    {
                        lastSlot = counts.Count;
                        slotOf.Add(id, lastSlot);
                        counts.Add(0);
                    }
                    lastId = id;
                }
                slots[i] = lastSlot;
                counts[lastSlot]++;
            }

            // The series in id order, and where each one's points start in key order.
            var distinct = new long[counts.Count];
            var order = new int[counts.Count];
            foreach (var (id, slot) in slotOf)
            {
                distinct[slot] = id;
                order[slot] = slot;
            }
            Array.Sort(distinct, order);
            var next = new int[counts.Count];
            for (int k = 0, offset = 0; k < order.Length; k++)
            {
                next[order[k]] = offset;
                offset += counts[order[k]];
            }

            // Stable scatter: within a series the points keep their arrival order.
            for (var i = 0; i < n; i++)
            {
                at[next[slots[i]]++] = i;
            }

            var outIds = ArrayPool<long>.Shared.Rent(n);
            var outMicros = ArrayPool<long>.Shared.Rent(n);
            var outValues = ArrayPool<double>.Shared.Rent(n);
            var buckets = new HashSet<long>();
            var kept = 0;
            for (int k = 0, start = 0; k < order.Length; k++)
            {
                var length = counts[order[k]];
                SortByTime(at.AsSpan(start, length), pointMicros);
                var id = distinct[k];
                var lastBucket = long.MinValue;
                for (var p = start; p < start + length; p++)
                {
                    var i = at[p];
                    var m = pointMicros[i];
                    if (p > start && m == outMicros[kept - 1])
                    {
                        continue; // the same point again: the first one in the batch wins
                    }
                    outIds[kept] = id;
                    outMicros[kept] = m;
                    outValues[kept] = pointValues[i];
                    kept++;
                    var bucket = m - ((m % FiveMinuteMicros) + FiveMinuteMicros) % FiveMinuteMicros;
                    if (bucket != lastBucket)
                    {
                        buckets.Add(bucket);
                        lastBucket = bucket;
                    }
                }
                start += length;
            }
            return new ObservationBatch(outIds, outMicros, outValues, kept, distinct, [.. buckets]);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(slots);
            ArrayPool<int>.Shared.Return(at);
        }
    }

    public void Dispose()
    {
        if (seriesIds is not null)
        {
            ArrayPool<long>.Shared.Return(seriesIds);
            ArrayPool<long>.Shared.Return(micros!);
            ArrayPool<double>.Shared.Return(values!);
            seriesIds = null;
            micros = null;
            values = null;
        }
    }

    /// <summary>One series' points (indexes into <paramref name="pointMicros"/>) by time, ties in arrival order.</summary>
    private static void SortByTime(Span<int> indexes, long[] pointMicros)
    {
        for (var p = 1; p < indexes.Length; p++)
        {
            if (pointMicros[indexes[p]] < pointMicros[indexes[p - 1]])
            {
                // Out of order (rare: live scrapes arrive in time order). Indexes ascend within a
                // series, so ordering by (time, index) keeps the first point of a tie first.
                indexes.Sort((x, y) => pointMicros[x] != pointMicros[y] ? pointMicros[x].CompareTo(pointMicros[y]) : x.CompareTo(y));
                return;
            }
        }
    }

    /// <summary>
    /// Writes the points as PostgreSQL's binary COPY format (signature, header, per row three
    /// big-endian fields: bigint series id, timestamptz in microseconds since 2000, float8 value;
    /// trailer) in chunks of <paramref name="chunkBytes"/>.
    /// </summary>
    public async Task WriteCopyAsync(Stream stream, CancellationToken cancellationToken, int chunkBytes = 64 * 1024)
    {
        ObjectDisposedException.ThrowIf(seriesIds is null, this);
        var (ids, times, points) = (seriesIds, micros!, values!);
        var buffer = new byte[Math.Max(chunkBytes, 64)];
        Header.CopyTo(buffer);
        var used = Header.Length;
        for (var i = 0; i < Count; i++)
        {
            if (used + RowBytes > buffer.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
                used = 0;
            }
            var row = buffer.AsSpan(used, RowBytes);
            BinaryPrimitives.WriteInt16BigEndian(row, 3);
            BinaryPrimitives.WriteInt32BigEndian(row[2..], 8);
            BinaryPrimitives.WriteInt64BigEndian(row[6..], ids[i]);
            BinaryPrimitives.WriteInt32BigEndian(row[14..], 8);
            BinaryPrimitives.WriteInt64BigEndian(row[18..], times[i]);
            BinaryPrimitives.WriteInt32BigEndian(row[26..], 8);
            BinaryPrimitives.WriteDoubleBigEndian(row[30..], points[i]);
            used += RowBytes;
        }
        if (used + 2 > buffer.Length)
        {
            await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
            used = 0;
        }
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(used), -1);
        await stream.WriteAsync(buffer.AsMemory(0, used + 2), cancellationToken);
    }

    private static DateTime ToDateTime(long microsSince2000) => new(EpochTicks + microsSince2000 * 10, DateTimeKind.Utc);
}
