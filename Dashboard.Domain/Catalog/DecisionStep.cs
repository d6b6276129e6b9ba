using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>One step of the decision path.</summary>
/// <param name="Id">Which step; its number is its order.</param>
/// <param name="Title">Short name.</param>
/// <param name="Action">What to do.</param>
/// <param name="MonthlyCost">The quoted monthly cost, or null where the chapter quotes none ($$$$ for sharding).</param>
/// <param name="Strategy">The strategy-table row whose gains the step brings, or null for caching (which has its own).</param>
/// <param name="DbReadReduction">For caching: the share of database reads it removes (60-90 %), else null.</param>
/// <param name="Note">A remark from the chapter (e.g. "usually buys 6-12 months").</param>
public sealed record DecisionStep(
    DecisionStepId Id,
    string Title,
    string Action,
    BudgetRange? MonthlyCost,
    ScalingStrategyId? Strategy,
    (Ratio Min, Ratio Max)? DbReadReduction,
    string? Note = null)
{
    /// <summary>The step's position, 1 to 6.</summary>
    public int Number => (int)Id;
}
