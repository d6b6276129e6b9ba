using System.Runtime.CompilerServices;

namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>A series within one parse: pooled strings make reference comparison exact.</summary>
internal readonly record struct SeriesKey(string Name, ReadOnlyMemory<Label> Labels);

/// <summary>Order-independent comparison of label sets by reference.</summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>
{
    public static readonly SeriesKeyComparer Instance = new();

    public bool Equals(SeriesKey x, SeriesKey y) =>
        ReferenceEquals(x.Name, y.Name) && LabelSets.SameByReference(x.Labels.Span, y.Labels.Span);

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

/// <summary>Label sets compared in any order, by reference: the parser's pooled strings make that exact within one parse.</summary>
internal static class LabelSets
{
    /// <summary>Same names with the same values, ignoring the label <paramref name="except"/> (which both must have, if named).</summary>
    public static bool SameByReference(ReadOnlySpan<Label> a, ReadOnlySpan<Label> b, string? except = null)
    {
        if (a.Length != b.Length)
        {
            return false;
        }
        foreach (var x in a)
        {
            if (x.Name == except)
            {
                continue;
            }
            var found = false;
            foreach (var y in b)
            {
                if (ReferenceEquals(x.Name, y.Name))
                {
                    found = ReferenceEquals(x.Value, y.Value);
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
}
