using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>Burn rate: how fast errors spend the budget, relative to spending exactly all of it over the SLO window.</summary>
public static class BurnRate
{
    /// <summary>Error ratio / (1 - target). 1 spends the budget exactly over the window; 14.4 spends 2 % of a 30-day budget in an hour.</summary>
    /// <param name="slo">The objective.</param>
    /// <param name="errorRatio">Bad events / all events in some window, 0 to 1.</param>
    /// <remarks>Rounded to 9 decimals: 1 - 0.999 is not exactly 0.001 in binary, and without rounding an
    /// error ratio of exactly 14.4 x budget would read as 14.400000000001 and fire a "strictly above 14.4" alert.</remarks>
    public static double Of(Slo slo, double errorRatio)
    {
        ArgumentNullException.ThrowIfNull(slo);
        return Math.Round(Ratio.Of(errorRatio).Value / slo.ErrorBudgetRatio, 9);
    }
}
