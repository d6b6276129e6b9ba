using System.Text;

namespace Dashboard.Jobs.Alerts;

/// <summary>Reads an entity (<c>a="x",b="y"</c>, as the ingest writes it from a series' labels) back into labels.</summary>
public static class EntityLabels
{
    /// <summary>The labels, in order; an entity that is not in that form gives none (it is then matched as a whole).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var labels = new List<KeyValuePair<string, string>>();
        var i = 0;
        while (i < entity.Length)
        {
            var eq = entity.IndexOf("=\"", i, StringComparison.Ordinal);
            if (eq <= i)
            {
                return [];
            }
            var name = entity[i..eq];
            var value = new StringBuilder();
            var j = eq + 2;
            for (; j < entity.Length && entity[j] != '"'; j++)
            {
                if (entity[j] == '\\' && j + 1 < entity.Length)
                {
                    j++;
                }
                value.Append(entity[j]);
            }
            if (j >= entity.Length)
            {
                return [];
            }
            labels.Add(new(name, value.ToString()));
            i = j + 1;
            if (i < entity.Length)
            {
                if (entity[i] != ',')
                {
                    return [];
                }
                i++;
            }
        }
        return labels;
    }
}
