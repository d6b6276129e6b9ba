using System.Text;

namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>
/// Strings for UTF-8 byte runs, each made once: metric names, label names and most label
/// values repeat on every line and every scrape, so a parser reused for one target allocates
/// almost no strings after its first scrape. Equal bytes give the same instance, which lets
/// the parser compare series by reference. Not thread-safe.
/// </summary>
internal sealed class Utf8StringPool(int maxEntries)
{
    private struct Entry
    {
        public int Hash;
        public int Offset;
        public int Length;
        public string? Value;
    }

    private Entry[] entries = new Entry[256];
    private int count;
    // The bytes of every entry, end to end: one array instead of one per string.
    private byte[] arena = new byte[4096];
    private int arenaLength;

    /// <summary>Forgets everything once full, so label churn cannot grow the pool without bound. Call between parses only.</summary>
    public void TrimIfFull()
    {
        if (count > maxEntries)
        {
            entries = new Entry[256];
            count = 0;
            arena = new byte[4096];
            arenaLength = 0;
        }
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }
        var hasher = default(HashCode);
        hasher.AddBytes(utf8);
        var hash = hasher.ToHashCode();
        var mask = entries.Length - 1;
        var i = hash & mask;
        while (true)
        {
            ref var e = ref entries[i];
            if (e.Value is null)
            {
                break;
            }
            if (e.Hash == hash && utf8.SequenceEqual(arena.AsSpan(e.Offset, e.Length)))
            {
                return e.Value;
            }
            i = (i + 1) & mask;
        }
        var value = Encoding.UTF8.GetString(utf8);
        if (arenaLength + utf8.Length > arena.Length)
        {
            Array.Resize(ref arena, Math.Max(arena.Length * 2, arenaLength + utf8.Length));
        }
        utf8.CopyTo(arena.AsSpan(arenaLength));
        entries[i] = new Entry { Hash = hash, Offset = arenaLength, Length = utf8.Length, Value = value };
        arenaLength += utf8.Length;
        if (++count * 2 > entries.Length)
        {
            Grow();
        }
        return value;
    }

    private void Grow()
    {
        var old = entries;
        entries = new Entry[old.Length * 2];
        var mask = entries.Length - 1;
        foreach (var e in old)
        {
            if (e.Value is null)
            {
                continue;
            }
            var i = e.Hash & mask;
            while (entries[i].Value is not null)
            {
                i = (i + 1) & mask;
            }
            entries[i] = e;
        }
    }
}
