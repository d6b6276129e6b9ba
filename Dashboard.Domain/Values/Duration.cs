namespace Dashboard.Domain.Values;

/// <summary>A non-negative length of time (a downtime, a window, a processing time).</summary>
public readonly record struct Duration : IComparable<Duration>
{
    private Duration(TimeSpan value) => Value = value;

    /// <summary>No time.</summary>
    public static Duration Zero { get; }

    /// <summary>The length of time, never negative.</summary>
    public TimeSpan Value { get; }

    /// <summary>The length in hours.</summary>
    public double TotalHours => Value.TotalHours;

    /// <summary>Creates a duration; throws <see cref="DomainValidationException"/> when it is negative.</summary>
    /// <param name="value">The length of time.</param>
    public static Duration Of(TimeSpan value) => new(Guard.NonNegative(value, "Duration"));

    /// <summary>Creates a duration of whole or fractional minutes.</summary>
    /// <param name="minutes">Minutes, not negative.</param>
    public static Duration FromMinutes(double minutes) =>
        Of(TimeSpan.FromMinutes(Guard.NonNegative(minutes, "Duration minutes")));

    /// <summary>Creates a duration of whole or fractional hours.</summary>
    /// <param name="hours">Hours, not negative.</param>
    public static Duration FromHours(double hours) =>
        Of(TimeSpan.FromHours(Guard.NonNegative(hours, "Duration hours")));

    /// <summary>Adds two durations.</summary>
    public static Duration operator +(Duration left, Duration right) => new(left.Value + right.Value);

    /// <summary>Compares durations.</summary>
    public static bool operator <(Duration left, Duration right) => left.Value < right.Value;

    /// <summary>Compares durations.</summary>
    public static bool operator >(Duration left, Duration right) => left.Value > right.Value;

    /// <summary>Compares durations.</summary>
    public static bool operator <=(Duration left, Duration right) => left.Value <= right.Value;

    /// <summary>Compares durations.</summary>
    public static bool operator >=(Duration left, Duration right) => left.Value >= right.Value;

    /// <inheritdoc />
    public int CompareTo(Duration other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
