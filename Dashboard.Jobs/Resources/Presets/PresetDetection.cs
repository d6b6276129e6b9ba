namespace Dashboard.Jobs.Resources.Presets;

/// <summary>One preset set against the metric names a Prometheus holds: which of its required metrics were found, which were not.</summary>
public sealed record PresetMatch(Preset Preset, IReadOnlyList<string> Found, IReadOnlyList<string> Missing)
{
    /// <summary>Every required metric exists: the preset is proposed.</summary>
    public bool IsComplete => Missing.Count == 0;
}

/// <summary>What detection found: the presets to propose, and the partial matches reported (with what is missing) but not proposed.</summary>
public sealed record PresetDetectionResult(IReadOnlyList<PresetMatch> Proposed, IReadOnlyList<PresetMatch> Partial);

/// <summary>Pure detection: no Prometheus, no clock; the caller brings the metric names.</summary>
public static class PresetDetection
{
    /// <summary>
    /// The presets whose required metrics all are in <paramref name="metricNames"/> (proposed), and those with some but not
    /// all (partial, not proposed); a preset none of whose metrics exist is neither. Both lists keep the presets' order.
    /// </summary>
    public static PresetDetectionResult Detect(IEnumerable<Preset> presets, IReadOnlySet<string> metricNames)
    {
        ArgumentNullException.ThrowIfNull(presets);
        ArgumentNullException.ThrowIfNull(metricNames);
        var proposed = new List<PresetMatch>();
        var partial = new List<PresetMatch>();
        foreach (var preset in presets)
        {
            var found = preset.RequiredMetrics.Where(metricNames.Contains).ToList();
            if (found.Count == 0)
            {
                continue;
            }
            var match = new PresetMatch(preset, found, [.. preset.RequiredMetrics.Except(found, StringComparer.Ordinal)]);
            (match.IsComplete ? proposed : partial).Add(match);
        }
        return new PresetDetectionResult(proposed, partial);
    }
}
