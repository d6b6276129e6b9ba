using Dashboard.Domain.Values;

namespace Dashboard.Domain.Health;

/// <summary>One measured value of a metric and the moment it was measured.</summary>
public readonly record struct Reading
{
    /// <summary>Creates a reading; throws <see cref="DomainValidationException"/> when the value is not finite.</summary>
    /// <param name="value">The value, in the metric's unit.</param>
    /// <param name="at">When it was measured.</param>
    public Reading(double value, DateTimeOffset at)
    {
        if (!double.IsFinite(value))
        {
            throw new DomainValidationException($"A reading's value must be a finite number, but was {value}.");
        }

        Value = value;
        At = at;
    }

    /// <summary>The value, in the metric's unit.</summary>
    public double Value { get; }

    /// <summary>When it was measured.</summary>
    public DateTimeOffset At { get; }
}
