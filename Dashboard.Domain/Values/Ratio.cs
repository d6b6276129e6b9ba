using System.Globalization;

namespace Dashboard.Domain.Values;

/// <summary>A fraction between 0 and 1 inclusive (a hit rate, a share of reads, a utilisation).</summary>
public readonly record struct Ratio : IComparable<Ratio>
{
    private Ratio(double value) => Value = value;

    /// <summary>Nothing: 0.</summary>
    public static Ratio Zero { get; }

    /// <summary>Everything: 1.</summary>
    public static Ratio One { get; } = new(1);

    /// <summary>The fraction, 0 to 1.</summary>
    public double Value { get; }

    /// <summary>The same quantity as a percentage.</summary>
    public Percent AsPercent => Percent.Of(Value * 100.0);

    /// <summary>The rest: 1 - this.</summary>
    public Ratio Complement => new(1 - Value);

    /// <summary>Creates a fraction; throws <see cref="DomainValidationException"/> outside 0..1 or when not finite.</summary>
    /// <param name="value">The fraction, 0 to 1.</param>
    public static Ratio Of(double value) => new(Guard.InRange(value, 0, 1, "Ratio"));

    /// <summary>Compares fractions.</summary>
    public static bool operator <(Ratio left, Ratio right) => left.Value < right.Value;

    /// <summary>Compares fractions.</summary>
    public static bool operator >(Ratio left, Ratio right) => left.Value > right.Value;

    /// <summary>Compares fractions.</summary>
    public static bool operator <=(Ratio left, Ratio right) => left.Value <= right.Value;

    /// <summary>Compares fractions.</summary>
    public static bool operator >=(Ratio left, Ratio right) => left.Value >= right.Value;

    /// <inheritdoc />
    public int CompareTo(Ratio other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("0.####", CultureInfo.InvariantCulture);
}
