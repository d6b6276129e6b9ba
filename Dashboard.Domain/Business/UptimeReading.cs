using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>
/// One stored reading of an availability series and the stretch of time it stands for: a raw
/// sample until the next one, or a rollup bucket for its length. <see cref="Percent"/> is the
/// share of that stretch the service was up (99.97 means 99.97 %).
/// </summary>
public readonly record struct UptimeReading
{
    /// <summary>Creates a reading; throws <see cref="DomainValidationException"/> when the length is not positive or the percentage is outside 0..100.</summary>
    /// <param name="start">When the stretch begins.</param>
    /// <param name="length">How long it lasts.</param>
    /// <param name="percent">Share of the stretch that was up, 0 to 100.</param>
    public UptimeReading(DateTimeOffset start, TimeSpan length, double percent)
    {
        Start = start;
        Length = Guard.Positive(length, "Uptime reading length");
        Percent = Guard.InRange(percent, 0, 100, "Uptime reading percent");
    }

    /// <summary>When the stretch begins.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>How long it lasts.</summary>
    public TimeSpan Length { get; }

    /// <summary>When the stretch ends.</summary>
    public DateTimeOffset End => Start + Length;

    /// <summary>Share of the stretch that was up, 0 to 100.</summary>
    public double Percent { get; }

    /// <summary>
    /// Readings from the samples of one series: each stands until the next sample, but never longer
    /// than <paramref name="maxHold"/>, so a gap in the data is a gap (not up, not down). The last
    /// sample stands for the typical spacing of the series (the median gap), also capped. Samples
    /// that are not finite or outside 0..100 are gaps too; samples are sorted by time first.
    /// </summary>
    /// <param name="samples">The samples of one series: time and percentage up.</param>
    /// <param name="maxHold">The longest a sample may stand for (e.g. the series' nominal step).</param>
    public static IReadOnlyList<UptimeReading> Held(IEnumerable<(DateTimeOffset At, double Percent)> samples, TimeSpan maxHold)
    {
        ArgumentNullException.ThrowIfNull(samples);
        Guard.Positive(maxHold, "Uptime reading hold");
        var points = samples
            .Where(s => double.IsFinite(s.Percent) && s.Percent is >= 0 and <= 100)
            .OrderBy(s => s.At)
            .ToList();
        var gaps = new List<TimeSpan>(Math.Max(0, points.Count - 1));
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].At > points[i - 1].At)
            {
                gaps.Add(points[i].At - points[i - 1].At);
            }
        }

        gaps.Sort();
        var typical = gaps.Count > 0 ? Min(gaps[gaps.Count / 2], maxHold) : maxHold;
        var readings = new List<UptimeReading>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var hold = i + 1 < points.Count ? Min(points[i + 1].At - points[i].At, maxHold) : typical;
            if (hold > TimeSpan.Zero)
            {
                readings.Add(new UptimeReading(points[i].At, hold, points[i].Percent));
            }
        }

        return readings;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
