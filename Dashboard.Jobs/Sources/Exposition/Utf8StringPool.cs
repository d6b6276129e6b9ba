using System.Text;
using System.Text.Unicode;

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
        public string? Value;
    }

    private Entry[] entries = new Entry[256];
    private int count;

    /// <summary>Forgets everything once full, so label churn cannot grow the pool without bound. Call between parses only.</summary>
    public void TrimIfFull()
    {
        if (count > maxEntries)
        {
            entries = new Entry[256];
            count = 0;
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
            if (e.Hash == hash && Matches(utf8, e.Value))
            {
                return e.Value;
            }
            i = (i + 1) & mask;
        }
        var value = Encoding.UTF8.GetString(utf8);
        entries[i] = new Entry { Hash = hash, Value = value };
        if (++count * 2 > entries.Length)
        {
            Grow();
        }
        return value;
    }

    /// <summary>Compares against the string itself, so the pool keeps no copy of the bytes.</summary>
    private static bool Matches(ReadOnlySpan<byte> utf8, string value)
    {
        if (Ascii.Equals(utf8, value))
        {
            return true;
        }
        if (Ascii.IsValid(utf8))
        {
            return false;
        }
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[256] : new char[utf8.Length];
        Utf8.ToUtf16(utf8, chars, out _, out var written);
        return chars[..written].SequenceEqual(value);
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
