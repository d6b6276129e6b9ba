using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Domain.Business;

/// <summary>Where a product stands: its growth stage, how spend fits that stage's budget, and the way to the next stage.</summary>
/// <param name="ActiveUsers">The active users assessed.</param>
/// <param name="Stage">The stage they fall in.</param>
/// <param name="BudgetFit">Actual spend against the stage's budget, when spend was given.</param>
/// <param name="NextStage">The next stage, or null at the last.</param>
/// <param name="UsersToNextStage">Users still needed to reach the next stage, or null at the last.</param>
public sealed record StageAssessment(
    long ActiveUsers,
    GrowthStage Stage,
    BudgetFit? BudgetFit,
    GrowthStage? NextStage,
    long? UsersToNextStage)
{
    /// <summary>Assesses <paramref name="activeUsers"/> (and optionally spend) against <paramref name="stages"/>.</summary>
    /// <param name="stages">The stage table (usually <see cref="GrowthStageCatalog.Default"/>).</param>
    /// <param name="activeUsers">Active users, not negative.</param>
    /// <param name="monthlySpend">Actual monthly infrastructure spend; null when unknown.</param>
    public static StageAssessment Assess(GrowthStageCatalog stages, long activeUsers, Money? monthlySpend = null)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var stage = stages.StageFor(activeUsers);
        var next = stages.NextAfter(stage);
        return new StageAssessment(
            activeUsers,
            stage,
            monthlySpend is { } spend ? stage.Budget.Fit(spend) : null,
            next,
            next is null ? null : next.MinUsers - activeUsers);
    }
}
