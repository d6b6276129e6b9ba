using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>
/// One multi-window burn-rate alert: it fires when the burn rate over both the long and the short
/// window is strictly above <see cref="Factor"/> (the short window makes it reset quickly once fixed).
/// </summary>
public sealed record BurnRateTier
{
    /// <summary>Creates a tier; throws <see cref="DomainValidationException"/> when the windows are not positive, the short one is not shorter, or the factor is not positive.</summary>
    /// <param name="urgency">Page or ticket.</param>
    /// <param name="longWindow">The long window, e.g. 1 h.</param>
    /// <param name="shortWindow">The short window, e.g. 5 min.</param>
    /// <param name="factor">The burn rate both windows must exceed, e.g. 14.4.</param>
    public BurnRateTier(AlertUrgency urgency, TimeSpan longWindow, TimeSpan shortWindow, double factor)
    {
        if (shortWindow <= TimeSpan.Zero || longWindow <= shortWindow)
        {
            throw new DomainValidationException(
                $"A burn-rate tier needs 0 < short window < long window, but had short {shortWindow} and long {longWindow}.");
        }

        if (!double.IsFinite(factor) || factor <= 0)
        {
            throw new DomainValidationException($"A burn-rate tier's factor must be greater than zero, but was {factor}.");
        }

        Urgency = urgency;
        LongWindow = longWindow;
        ShortWindow = shortWindow;
        Factor = factor;
    }

    /// <summary>Page or ticket.</summary>
    public AlertUrgency Urgency { get; }

    /// <summary>The long window.</summary>
    public TimeSpan LongWindow { get; }

    /// <summary>The short window.</summary>
    public TimeSpan ShortWindow { get; }

    /// <summary>The burn rate both windows must exceed.</summary>
    public double Factor { get; }

    /// <summary>Share of the budget spent by the time this tier fires: factor x long window / SLO window (2 % for 14.4 x 1 h of 30 days).</summary>
    /// <param name="slo">The objective.</param>
    public double BudgetConsumedWhenFiring(Slo slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        return Factor * LongWindow.Ticks / slo.Window.Ticks;
    }
}
