namespace Dashboard.Domain.WhatIf;

/// <summary>
/// The utilisation of the resource requests (or jobs) queue for, scaled with load as an M/M/1 server's:
/// rho(k) = k x u, saturated at rho &gt;= 1. The queueing formulas use rho capped at <paramref name="ceiling"/>
/// (and never below today's u), so they stay finite and monotone.
/// </summary>
internal sealed class Bottleneck(double utilisation, double ceiling)
{
    /// <summary>Today's utilisation, a fraction.</summary>
    public double Utilisation => utilisation;

    public bool IsSaturatedAt(double multiplier) => multiplier * utilisation >= 1;

    /// <summary>k x u, kept between today's u and the ceiling.</summary>
    public double ModelledUtilisationAt(double multiplier) => Math.Max(utilisation, Math.Min(multiplier * utilisation, ceiling));

    /// <summary>M/M/1 time in the system relative to today: (1 - u) / (1 - rho(k)). Little's law makes this the
    /// factor for every percentile of response time and for a job's time through a queue.</summary>
    public double SlowdownAt(double multiplier)
    {
        var rho = ModelledUtilisationAt(multiplier);

        // rho equals u when k is 1 or when today is already past the ceiling: nothing more can be said, factor 1.
        return rho == utilisation ? 1 : (1 - utilisation) / (1 - rho);
    }

    /// <summary>M/M/1 jobs waiting relative to today: Lq = rho^2 / (1 - rho), so the ratio is
    /// m^2 (1 - u) / (1 - m u) with m = rho(k) / u the modelled load multiplier (m = k when u is 0, the limit).</summary>
    public double WaitingJobsRatioAt(double multiplier)
    {
        var rho = ModelledUtilisationAt(multiplier);
        if (utilisation > 0 && rho == utilisation)
        {
            return 1;
        }

        var m = utilisation > 0 ? rho / utilisation : multiplier;
        return m * m * (1 - utilisation) / (1 - (m * utilisation));
    }
}
