namespace Dashboard.Jobs.Sources.Prometheus;

/// <summary>
/// Splits a <c>query_range</c> into windows Prometheus accepts: it refuses a range whose
/// (end - start) / step exceeds 11,000 points per series. Windows are aligned on start + k * step
/// and do not overlap, so stitching their answers gives every timestamp exactly once.
/// </summary>
public static class RangeWindows
{
    /// <summary>Prometheus' per-series resolution limit.</summary>
    public const int MaxPointsPerSeries = 11_000;

    /// <summary>The windows covering [start, end] at <paramref name="step"/>, each at most <paramref name="maxPoints"/> points.</summary>
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Split(
        DateTimeOffset start, DateTimeOffset end, TimeSpan step, int maxPoints = MaxPointsPerSeries)
    {
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        }
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The end must not be before the start ({start:O}).");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);

        var windows = new List<(DateTimeOffset, DateTimeOffset)>();
        var span = step * (maxPoints - 1);
        for (var from = start; from <= end; from += span + step)
        {
            var to = from + span;
            windows.Add((from, to < end ? to : end));
        }
        return windows;
    }
}
