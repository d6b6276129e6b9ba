using Dashboard.Domain.Values;

namespace Dashboard.Domain.Forecasting;

/// <summary>
/// When an expected crossing is worth acting on, the way node_exporter's "filesystem will fill within 24 h" alert
/// also demands less than 40 % free: the current value must already have come <see cref="MinimumProgress"/> of the
/// way from <see cref="Origin"/> to the level, and the trend must be real and heading for the bad side. A burst, a
/// restart or a quiet series far from its level then does not raise an alarm however steep its forecast.
/// </summary>
/// <remarks>Progress = (current − origin) / (level − origin). The origin is the "nothing used" value on the good
/// side: 0 for usage, latency or queue depth (above is bad); for a below-is-bad metric such as free space in % with
/// a level of 10, an origin of 100 says 40 % free is 67 % of the way. When the origin equals the level progress
/// cannot be measured and only the trend condition applies.</remarks>
public sealed record CapacityGate
{
    private readonly double minimumProgress = 0.6;
    private readonly double origin;

    /// <summary>60 % of the way from 0, as node_exporter's "&lt; 40 % free".</summary>
    public static CapacityGate Default { get; } = new();

    /// <summary>Share of the way from <see cref="Origin"/> to the level the current value must have covered, 0 to 1
    /// (0 = the trend condition alone).</summary>
    public double MinimumProgress
    {
        get => minimumProgress;
        init => minimumProgress = Guard.InRange(value, 0, 1, "Capacity gate minimum progress");
    }

    /// <summary>The value that means "nothing used", on the good side of the level; 0 by default.</summary>
    public double Origin
    {
        get => origin;
        init => origin = Guard.Finite(value, "Capacity gate origin");
    }

    /// <summary>How far <paramref name="current"/> has come from <see cref="Origin"/> towards <paramref name="level"/>
    /// (1 = at the level); NaN when the origin equals the level.</summary>
    /// <param name="current">The current value.</param>
    /// <param name="level">The threshold level.</param>
    public double Progress(double current, double level) =>
        level == Origin ? double.NaN : (current - Origin) / (level - Origin);

    /// <summary>Whether <paramref name="current"/> is far enough along towards <paramref name="level"/>.</summary>
    /// <param name="current">The current value.</param>
    /// <param name="level">The threshold level.</param>
    public bool IsCloseEnough(double current, double level)
    {
        var progress = Progress(current, level);
        return double.IsNaN(progress) || progress >= MinimumProgress;
    }
}
