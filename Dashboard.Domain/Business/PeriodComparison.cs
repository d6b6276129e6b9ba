using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>A figure this period against the same figure the period before (e.g. uptime this week against last week).</summary>
/// <param name="Previous">The earlier period's value.</param>
/// <param name="Current">This period's value.</param>
/// <param name="Direction">Up or down when the change exceeds the tolerance, else steady.</param>
public sealed record PeriodComparison(double Previous, double Current, ChangeDirection Direction)
{
    /// <summary>Current minus previous.</summary>
    public double Change => Current - Previous;

    /// <summary>
    /// Compares two values; a change of at most <paramref name="tolerance"/> (in the values' own unit)
    /// is steady. Throws <see cref="DomainValidationException"/> for values that are not finite or a negative tolerance.
    /// </summary>
    /// <param name="previous">The earlier period's value.</param>
    /// <param name="current">This period's value.</param>
    /// <param name="tolerance">The largest change that still counts as no change, not negative.</param>
    public static PeriodComparison Of(double previous, double current, double tolerance)
    {
        Guard.Finite(previous, "Previous period's value");
        Guard.Finite(current, "Current period's value");
        Guard.NonNegative(tolerance, "Change tolerance");
        var change = current - previous;
        var direction = Math.Abs(change) <= tolerance ? ChangeDirection.Steady
            : change > 0 ? ChangeDirection.Up
            : ChangeDirection.Down;
        return new PeriodComparison(previous, current, direction);
    }
}
