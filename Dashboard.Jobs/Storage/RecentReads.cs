using System.Collections.Concurrent;

namespace Dashboard.Jobs.Storage;

/// <summary>
/// One database read shared by every caller within <see cref="MaxAge"/> of it, per key (decision 032): a burst of
/// API requests costs one query a second instead of one each, and concurrent callers wait for the same query
/// (single flight). The writer of the data in this process calls <see cref="Invalidate"/>, so this instance never
/// answers from before its own write; another instance's write is seen within <see cref="MaxAge"/>. A failed or
/// cancelled read is not kept, and a read is never cancelled by one caller giving up.
/// </summary>
public sealed class RecentReads(TimeProvider time)
{
    /// <summary>How much older than the database a shared read may be.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    private sealed record Entry(DateTimeOffset StartedAt, Task Read);

    public Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (entries.TryGetValue(key, out var entry) && Usable(entry, now) && entry.Read is Task<T> shared)
        {
            return shared.WaitAsync(cancellationToken);
        }
        lock (entries)
        {
            if (entries.TryGetValue(key, out entry) && Usable(entry, now) && entry.Read is Task<T> again)
            {
                return again.WaitAsync(cancellationToken);
            }
            var started = Task.Run(() => read(CancellationToken.None), CancellationToken.None);
            entries[key] = new Entry(now, started);
            return started.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The next caller reads the database again (after a write in this process).</summary>
    public void Invalidate(string key) => entries.TryRemove(key, out _);

    private static bool Usable(Entry entry, DateTimeOffset now) =>
        now - entry.StartedAt < MaxAge && !entry.Read.IsFaulted && !entry.Read.IsCanceled;
}
