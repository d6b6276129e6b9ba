using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>
/// Revenue at risk if a forecast breach happens: the breach is assumed to cause a full outage of
/// <see cref="AssumedOutage"/>, priced at MRR / 730 per hour (<see cref="OutageCost"/>). Trust lost is not priced.
/// The date comes from the forecast; the length of the outage is an assumption, not a measurement.
/// </summary>
/// <param name="At">When the breach is expected.</param>
/// <param name="AssumedOutage">How long the outage it causes is assumed to last.</param>
/// <param name="PerHour">Revenue lost per hour of full outage.</param>
/// <param name="AtRisk">Revenue lost over the assumed outage.</param>
public sealed record BreachRisk(DateTimeOffset At, Duration AssumedOutage, Money PerHour, Money AtRisk)
{
    /// <summary>The default assumption: one hour of full outage (noticing the breach and adding capacity), so the figure scales by the hour.</summary>
    public static readonly Duration DefaultOutage = Duration.FromHours(1);

    /// <summary>Prices a breach at <paramref name="at"/> for a business with <paramref name="mrr"/>.</summary>
    /// <param name="mrr">Monthly recurring revenue.</param>
    /// <param name="at">When the breach is expected.</param>
    /// <param name="assumedOutage">How long the outage is assumed to last; null for <see cref="DefaultOutage"/>.</param>
    public static BreachRisk Estimate(Money mrr, DateTimeOffset at, Duration? assumedOutage = null)
    {
        var outage = assumedOutage ?? DefaultOutage;
        return new BreachRisk(at, outage, OutageCost.PerHour(mrr), OutageCost.Of(mrr, outage));
    }
}
