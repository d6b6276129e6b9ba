using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>
/// What downtime costs: revenue per hour = MRR / 730 (the hours of an average month).
/// Trust lost to an outage is real but not priced here.
/// </summary>
public static class OutageCost
{
    /// <summary>Hours in an average month (365 x 24 / 12).</summary>
    public const decimal HoursPerMonth = 730m;

    /// <summary>The average month as a time span (730 h).</summary>
    public static readonly TimeSpan AverageMonth = TimeSpan.FromHours((double)HoursPerMonth);

    /// <summary>Revenue lost per hour of full outage: <paramref name="mrr"/> / 730.</summary>
    /// <param name="mrr">Monthly recurring revenue.</param>
    public static Money PerHour(Money mrr) => mrr / HoursPerMonth;

    /// <summary>Revenue lost to <paramref name="downtime"/> of full outage: MRR / 730 x hours.</summary>
    /// <param name="mrr">Monthly recurring revenue.</param>
    /// <param name="downtime">How long the service was down.</param>
    public static Money Of(Money mrr, Duration downtime) =>
        Money.Of(mrr.Amount * (decimal)downtime.Value.Ticks / (HoursPerMonth * TimeSpan.TicksPerHour));

    /// <summary>
    /// Revenue at risk in an average month at an observed uptime: the downtime that uptime implies
    /// (730 h x (1 - uptime)) priced at MRR / 730, i.e. MRR x (1 - uptime).
    /// </summary>
    /// <param name="mrr">Monthly recurring revenue.</param>
    /// <param name="observedUptime">Measured uptime.</param>
    public static Money RevenueAtRisk(Money mrr, Percent observedUptime) =>
        Of(mrr, DowntimeAt(observedUptime));

    /// <summary>The downtime per average month that an uptime implies: 730 h x (1 - uptime).</summary>
    /// <param name="uptime">Uptime over the month.</param>
    public static Duration DowntimeAt(Percent uptime) =>
        Duration.Of(AverageMonth * (1 - uptime.AsRatio.Value));
}
