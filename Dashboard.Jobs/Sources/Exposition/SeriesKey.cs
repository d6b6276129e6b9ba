using System.Runtime.CompilerServices;

namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>A series within one parse: pooled strings make reference comparison exact.</summary>
internal readonly record struct SeriesKey(string Name, ReadOnlyMemory<Label> Labels);

/// <summary>Order-independent comparison of label sets by reference.</summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>
{
    public static readonly SeriesKeyComparer Instance = new();

    public bool Equals(SeriesKey x, SeriesKey y)
    {
        if (!ReferenceEquals(x.Name, y.Name) || x.Labels.Length != y.Labels.Length)
        {
            return false;
        }
        var b = y.Labels.Span;
        foreach (var l in x.Labels.Span)
        {
            var found = false;
            foreach (var m in b)
            {
                if (ReferenceEquals(l.Name, m.Name))
                {
                    found = ReferenceEquals(l.Value, m.Value);
                    break;
                }
            }
            if (!found)
            {
                return false;
            }
        }
        return true;
    }

    public int GetHashCode(SeriesKey key)
    {
        // Order-independent: {a,b} and {b,a} are one series.
        var hash = RuntimeHelpers.GetHashCode(key.Name);
        var sum = 0;
        foreach (var l in key.Labels.Span)
        {
            sum += HashCode.Combine(RuntimeHelpers.GetHashCode(l.Name), RuntimeHelpers.GetHashCode(l.Value));
        }
        return HashCode.Combine(hash, sum);
    }
}
