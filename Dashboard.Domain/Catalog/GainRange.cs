using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>An expected speed-up as a multiplier range ("+2-4x" is 2 to 4; "Same" is 1 to 1).</summary>
public sealed record GainRange
{
    /// <summary>Creates a range; throws <see cref="DomainValidationException"/> unless 1 &lt;= min &lt;= max.</summary>
    /// <param name="min">The low multiplier.</param>
    /// <param name="max">The high multiplier.</param>
    public GainRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min < 1 || max < min)
        {
            throw new DomainValidationException($"A gain range needs 1 <= min <= max, but was {min}-{max}.");
        }

        Min = min;
        Max = max;
    }

    /// <summary>No change ("Same").</summary>
    public static GainRange Same { get; } = new(1, 1);

    /// <summary>The low multiplier.</summary>
    public double Min { get; }

    /// <summary>The high multiplier.</summary>
    public double Max { get; }
}
