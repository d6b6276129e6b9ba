using System.Collections.Concurrent;

namespace HubBench;

/// <summary>
/// The recording window of a light-client hub run, and what every client saw: which batches
/// (by publishedAt) reached each group, so a client's expected count is every batch its group
/// got in the window, and any client that missed one shows as loss.
/// </summary>
public sealed class LightRecorder
{
    private readonly ConcurrentDictionary<(string Group, long Ticks), int> batches = new();
    private readonly ConcurrentQueue<string> closures = new();
    private long fromTicks = long.MaxValue;
    private long toTicks = long.MinValue;
    private int malformed;
    private int closedCount;

    public int ClosedCount => Volatile.Read(ref closedCount);

    public int MalformedCount => Volatile.Read(ref malformed);

    public IReadOnlyCollection<string> Closures => closures;

    public void Open(DateTimeOffset from, DateTimeOffset to)
    {
        Volatile.Write(ref toTicks, to.UtcTicks);
        Volatile.Write(ref fromTicks, from.UtcTicks);
    }

    public bool InWindow(DateTimeOffset publishedAt, string group)
    {
        var ticks = publishedAt.UtcTicks;
        if (ticks < Volatile.Read(ref fromTicks) || ticks >= Volatile.Read(ref toTicks))
        {
            return false;
        }
        batches.AddOrUpdate((group, ticks), 1, (_, n) => n + 1);
        return true;
    }

    /// <summary>Per group: distinct batches seen in the window (by any of its clients).</summary>
    public Dictionary<string, int> BatchesByGroup() =>
        batches.Keys.GroupBy(k => k.Group).ToDictionary(g => g.Key, g => g.Count());

    public void Malformed() => Interlocked.Increment(ref malformed);

    public void Closed(LightClient client)
    {
        if (client.ClosedBecause is "closed by the bench")
        {
            return;
        }
        Interlocked.Increment(ref closedCount);
        if (closures.Count < 5)
        {
            closures.Enqueue($"client {client.Index}: {client.ClosedBecause}");
        }
    }
}
