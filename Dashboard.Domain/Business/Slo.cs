using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>
/// A service-level objective: the share of good events (or of time up) promised over a rolling window.
/// The target lies strictly between 0 and 100 %; the window defaults to 30 days.
/// </summary>
public sealed record Slo
{
    /// <summary>The window the SRE workbook's and Sloth's default burn-rate alerts are tuned for.</summary>
    public static readonly TimeSpan ThirtyDays = TimeSpan.FromDays(30);

    /// <summary>Creates an SLO; throws <see cref="DomainValidationException"/> when the target is 0 or 100 % (no budget, or no promise) or the window is not positive.</summary>
    /// <param name="target">The promised share, e.g. 99.9 %.</param>
    /// <param name="window">The rolling window; null for 30 days.</param>
    public Slo(Percent target, TimeSpan? window = null)
    {
        if (target.Value is <= 0 or >= 100)
        {
            throw new DomainValidationException(
                $"SLO target must be between 0 and 100 % exclusive, but was {target}.");
        }

        var length = window ?? ThirtyDays;
        if (length <= TimeSpan.Zero)
        {
            throw new DomainValidationException($"SLO window must be greater than zero, but was {length}.");
        }

        Target = target;
        Window = length;
    }

    /// <summary>The promised share.</summary>
    public Percent Target { get; }

    /// <summary>The rolling window.</summary>
    public TimeSpan Window { get; }

    /// <summary>The error budget as a fraction of events: 1 - target (0.001 for 99.9 %).</summary>
    public double ErrorBudgetRatio => 1 - Target.AsRatio.Value;

    /// <summary>Downtime the SLO allows in an average month of 730 h (99.9 % gives 43.8 min).</summary>
    public Duration AllowedDowntimePerMonth => Duration.Of(OutageCost.AverageMonth * ErrorBudgetRatio);

    /// <summary>Downtime the SLO allows over its own window (99.9 % over 30 days gives 43.2 min).</summary>
    public Duration AllowedDowntimePerWindow => Duration.Of(Window * ErrorBudgetRatio);
}
