using System.Globalization;

namespace Dashboard.Domain.Values;

/// <summary>A percentage between 0 and 100 inclusive (99.9 means 99.9 %).</summary>
public readonly record struct Percent : IComparable<Percent>
{
    private Percent(double value) => Value = value;

    /// <summary>0 %.</summary>
    public static Percent Zero { get; }

    /// <summary>100 %.</summary>
    public static Percent Hundred { get; } = new(100);

    /// <summary>The percentage, 0 to 100.</summary>
    public double Value { get; }

    /// <summary>The same quantity as a fraction of one.</summary>
    public Ratio AsRatio => Ratio.Of(Value / 100.0);

    /// <summary>Creates a percentage; throws <see cref="DomainValidationException"/> outside 0..100 or when not finite.</summary>
    /// <param name="value">The percentage, 0 to 100.</param>
    public static Percent Of(double value) => new(Guard.InRange(value, 0, 100, "Percent"));

    /// <summary>Compares percentages.</summary>
    public static bool operator <(Percent left, Percent right) => left.Value < right.Value;

    /// <summary>Compares percentages.</summary>
    public static bool operator >(Percent left, Percent right) => left.Value > right.Value;

    /// <summary>Compares percentages.</summary>
    public static bool operator <=(Percent left, Percent right) => left.Value <= right.Value;

    /// <summary>Compares percentages.</summary>
    public static bool operator >=(Percent left, Percent right) => left.Value >= right.Value;

    /// <inheritdoc />
    public int CompareTo(Percent other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
