namespace Dashboard.Domain.Values;

/// <summary>
/// How much of a finite capacity is in use (connections of a pool, bytes of a disk).
/// Capacity is positive and usage lies between zero and capacity.
/// </summary>
public readonly record struct Utilisation
{
    private Utilisation(double used, double capacity)
    {
        Used = used;
        Capacity = capacity;
    }

    /// <summary>The amount in use.</summary>
    public double Used { get; }

    /// <summary>The total available.</summary>
    public double Capacity { get; }

    /// <summary>Used / capacity as a fraction.</summary>
    public Ratio Ratio => Ratio.Of(Used / Capacity);

    /// <summary>Used / capacity as a percentage, the unit the catalog's saturation thresholds use.</summary>
    public Percent Percent => Ratio.AsPercent;

    /// <summary>Creates a utilisation; throws <see cref="DomainValidationException"/> when capacity is not positive or usage is outside 0..capacity.</summary>
    /// <param name="used">The amount in use.</param>
    /// <param name="capacity">The total available.</param>
    public static Utilisation Of(double used, double capacity)
    {
        Guard.Positive(capacity, "Utilisation capacity");
        Guard.NonNegative(used, "Utilisation used");
        if (used > capacity)
        {
            throw new DomainValidationException(
                $"Utilisation used ({Guard.Show(used)}) must not exceed capacity ({Guard.Show(capacity)}).");
        }

        return new Utilisation(used, capacity);
    }
}
