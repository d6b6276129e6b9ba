using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Resources.Presets;

namespace Dashboard.Services.Setup;

/// <summary>
/// Presets that re-point the same built-ins are alternatives (decision 023): applying two would leave whichever ran
/// last in force. The request-metric packs (those re-pointing <c>uptime</c>) are offered as one choice; any other
/// pack that shares a built-in with what is chosen is held back, naming what it shares.
/// </summary>
public static class PresetAlternatives
{
    /// <summary>The built-ins both presets re-point, in <paramref name="a"/>'s order.</summary>
    public static IReadOnlyList<string> Shared(Preset a, Preset b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return [.. a.RepointedBuiltIns.Intersect(b.RepointedBuiltIns, StringComparer.Ordinal)];
    }

    /// <summary>Whether a preset re-points the request metrics (latency, errors, availability).</summary>
    public static bool IsRequestMetrics(Preset preset) => preset.RepointedBuiltIns.Contains(MetricIds.Uptime);

    /// <summary>The chosen preset <paramref name="candidate"/> would overwrite, or null when it is free to apply.</summary>
    public static Preset? ConflictWith(Preset candidate, IEnumerable<Preset> chosen) =>
        chosen.FirstOrDefault(c => c.Id != candidate.Id && Shared(candidate, c).Count > 0);

    /// <summary>What is ticked at first: the first request-metric pack, then every other pack that does not clash with what is ticked.</summary>
    public static IReadOnlyList<Preset> DefaultSelection(IReadOnlyList<Preset> proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var chosen = new List<Preset>();
        if (proposed.FirstOrDefault(IsRequestMetrics) is { } requests)
        {
            chosen.Add(requests);
        }
        foreach (var preset in proposed.Where(p => !IsRequestMetrics(p)))
        {
            if (ConflictWith(preset, chosen) is null)
            {
                chosen.Add(preset);
            }
        }
        return chosen;
    }
}
