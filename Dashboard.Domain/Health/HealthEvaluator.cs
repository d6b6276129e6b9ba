using Dashboard.Domain.Values;

namespace Dashboard.Domain.Health;

/// <summary>
/// Turns the latest reading of a metric into a <see cref="HealthStatus"/>: NoData without a
/// reading, Stale when the reading is older than <see cref="StaleAfter"/> (by the clock of
/// <see cref="TimeProvider"/>), otherwise Ok / Warning / Critical by the threshold's strict comparison.
/// </summary>
public sealed class HealthEvaluator
{
    private readonly TimeProvider clock;

    /// <summary>Creates an evaluator; throws <see cref="DomainValidationException"/> when <paramref name="staleAfter"/> is not positive.</summary>
    /// <param name="clock">The source of "now".</param>
    /// <param name="staleAfter">How old a reading may be and still count (e.g. a few scrape intervals).</param>
    public HealthEvaluator(TimeProvider clock, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (staleAfter <= TimeSpan.Zero)
        {
            throw new DomainValidationException($"Stale-after must be greater than zero, but was {staleAfter}.");
        }

        this.clock = clock;
        StaleAfter = staleAfter;
    }

    /// <summary>How old a reading may be and still count. A reading exactly this old is still fresh.</summary>
    public TimeSpan StaleAfter { get; }

    /// <summary>The status of <paramref name="reading"/> against <paramref name="threshold"/> now.</summary>
    /// <param name="threshold">The metric's levels.</param>
    /// <param name="reading">The latest reading, or null when there is none.</param>
    public HealthStatus Evaluate(Threshold threshold, Reading? reading)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        if (reading is not { } latest)
        {
            return HealthStatus.NoData;
        }

        if (clock.GetUtcNow() - latest.At > StaleAfter)
        {
            return HealthStatus.Stale;
        }

        return ToStatus(threshold.Classify(latest.Value));
    }

    /// <summary>The status a breach level maps to.</summary>
    /// <param name="breach">How far a value lies past a threshold.</param>
    public static HealthStatus ToStatus(ThresholdBreach breach) => breach switch
    {
        ThresholdBreach.Critical => HealthStatus.Critical,
        ThresholdBreach.Warning => HealthStatus.Warning,
        _ => HealthStatus.Ok,
    };
}
