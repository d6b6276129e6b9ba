using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>How much of an SLO's error budget a window's errors have used.</summary>
public sealed record ErrorBudget
{
    private ErrorBudget(Slo slo, double errorRatio)
    {
        Slo = slo;
        ErrorRatio = errorRatio;
    }

    /// <summary>The objective.</summary>
    public Slo Slo { get; }

    /// <summary>Bad events / all events observed in the SLO window so far.</summary>
    public double ErrorRatio { get; }

    /// <summary>Share of the budget used: error ratio / (1 - target). Above 1 when overspent.</summary>
    public double Consumed => ErrorRatio / Slo.ErrorBudgetRatio;

    /// <summary>Share of the budget left: 1 - <see cref="Consumed"/>. Negative when overspent.</summary>
    public double Remaining => 1 - Consumed;

    /// <summary>Whether the budget is used up.</summary>
    public bool IsExhausted => Consumed >= 1;

    /// <summary>The budget from event counts; throws <see cref="DomainValidationException"/> when counts are negative or bad exceeds total.</summary>
    /// <param name="slo">The objective.</param>
    /// <param name="totalEvents">All events in the window.</param>
    /// <param name="badEvents">Failed events in the window.</param>
    public static ErrorBudget FromEvents(Slo slo, long totalEvents, long badEvents)
    {
        ArgumentNullException.ThrowIfNull(slo);
        if (totalEvents < 0 || badEvents < 0 || badEvents > totalEvents)
        {
            throw new DomainValidationException(
                $"Error budget needs 0 <= bad events <= total events, but had bad {badEvents} of total {totalEvents}.");
        }

        return new ErrorBudget(slo, totalEvents == 0 ? 0 : (double)badEvents / totalEvents);
    }

    /// <summary>The budget from an observed availability (uptime or success rate) over the window.</summary>
    /// <param name="slo">The objective.</param>
    /// <param name="observed">The measured share of good events or time up.</param>
    public static ErrorBudget FromAvailability(Slo slo, Percent observed)
    {
        ArgumentNullException.ThrowIfNull(slo);
        return new ErrorBudget(slo, 1 - observed.AsRatio.Value);
    }

    /// <summary>
    /// How long until the remaining budget is gone if errors keep coming at <paramref name="burnRate"/>
    /// (1 = exactly the rate that spends the whole budget over the window). Null when the rate is zero;
    /// zero when the budget is already spent.
    /// </summary>
    /// <param name="burnRate">The current burn rate, not negative.</param>
    public TimeSpan? TimeToExhaustion(double burnRate)
    {
        if (!double.IsFinite(burnRate) || burnRate < 0)
        {
            throw new DomainValidationException($"Burn rate must be a finite, non-negative number, but was {burnRate}.");
        }

        if (IsExhausted)
        {
            return TimeSpan.Zero;
        }

        return burnRate == 0 ? null : Slo.Window * (Remaining / burnRate);
    }
}
