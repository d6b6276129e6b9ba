using Dashboard.Domain.Values;

namespace Dashboard.Domain.Forecasting;

/// <summary>
/// A series on a regular grid: a start, a step and one value per step. NaN marks a missing step
/// (a gap is not zero). This is what the models fit.
/// </summary>
public sealed class RegularSeries
{
    private readonly double[] values;

    /// <summary>Creates a series; throws <see cref="DomainValidationException"/> when the step is not positive
    /// or a value is infinite.</summary>
    /// <param name="start">Time of the first value.</param>
    /// <param name="step">Time between values.</param>
    /// <param name="values">Values in time order; NaN for a missing step.</param>
    public RegularSeries(DateTimeOffset start, TimeSpan step, double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (step <= TimeSpan.Zero)
        {
            throw new DomainValidationException($"Series step must be greater than zero, but was {step}.");
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsInfinity(values[i]))
            {
                throw new DomainValidationException($"Series value at index {i} is infinite; only finite values or NaN (missing) are allowed.");
            }
        }

        Start = start;
        Step = step;
        this.values = values;
    }

    /// <summary>Time of the first value.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Time between values.</summary>
    public TimeSpan Step { get; }

    /// <summary>Values in time order; NaN for a missing step.</summary>
    public IReadOnlyList<double> Values => values;

    /// <summary>Values as a span, for the models' inner loops.</summary>
    public ReadOnlySpan<double> Span => values;

    /// <summary>Number of steps.</summary>
    public int Count => values.Length;

    /// <summary>Time of the last value (equal to <see cref="Start"/> when empty).</summary>
    public DateTimeOffset End => Count == 0 ? Start : Start + (Step * (Count - 1));

    /// <summary>Time of the value at <paramref name="index"/>.</summary>
    /// <param name="index">A step index (may be past the end, for forecast steps).</param>
    public DateTimeOffset TimeAt(int index) => Start + (Step * index);
}
