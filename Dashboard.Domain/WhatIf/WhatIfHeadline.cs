using System.Globalization;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Domain.WhatIf;

/// <summary>Words for a what-if report, for an owner between meetings.</summary>
internal static class WhatIfHeadline
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [MetricIds.Cpu] = "CPU",
        [MetricIds.Memory] = "memory",
        [MetricIds.DbConnections] = "database connections",
        [MetricIds.Disk] = "disk",
        [MetricIds.LatencyP50] = "p50 latency",
        [MetricIds.LatencyP99] = "p99 latency",
        [MetricIds.ErrorRate] = "the error rate",
        [MetricIds.QueueDepth] = "queue depth",
        [MetricIds.QueueLatency] = "queue processing latency",
    };

    public static string Describe(double multiplier, IReadOnlyList<ResourceProjection> resources)
    {
        var at = $"At {Times(multiplier)}";
        if (resources.Count == 0)
        {
            return $"{at} nothing can be projected: no load-driven metric has a reading.";
        }

        var critical = NamesAt(resources, ThresholdBreach.Critical);
        var warning = NamesAt(resources, ThresholdBreach.Warning);
        if (critical.Count > 0 || warning.Count > 0)
        {
            var parts = new List<string>();
            if (critical.Count > 0)
            {
                parts.Add($"{List(critical)} {(critical.Count == 1 ? "goes" : "go")} critical");
            }

            if (warning.Count > 0)
            {
                parts.Add($"{List(warning)} {(warning.Count == 1 ? "reaches" : "reach")} warning");
            }

            return $"{at}: {string.Join("; ", parts)}.";
        }

        // Ranked: the first with a warning multiplier warns first.
        var first = resources.FirstOrDefault(r => r.WarningAtMultiplier is not null);
        if (first?.WarningAtMultiplier is not { } warnsAt)
        {
            return $"{at} nothing crosses a threshold, nor does anything up to {Times(WhatIfProjector.MaximumMultiplier)}.";
        }

        // The edge is just past a round multiplier more often than not (35 % CPU warns just past 2x).
        var when = Times(warnsAt) == Times(multiplier) ? $"just past {Times(warnsAt)}" : $"at {Times(warnsAt)}";
        return $"{at} nothing crosses a threshold; {Label(first)} is first to warn {when}.";
    }

    private static List<string> NamesAt(IReadOnlyList<ResourceProjection> resources, ThresholdBreach level) =>
        [.. resources.Where(r => r.Breach == level).Select(Label).Distinct(StringComparer.Ordinal)];

    private static string Label(ResourceProjection resource) => Labels.GetValueOrDefault(resource.MetricId, resource.Name);

    private static string List(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    private static string Times(double multiplier) => multiplier.ToString("0.#", CultureInfo.InvariantCulture) + "x";
}
