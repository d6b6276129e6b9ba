using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>The growth-stages table as data: users, primary strategy and monthly budget of each stage.</summary>
public sealed class GrowthStageCatalog
{
    /// <summary>Creates a catalog; throws <see cref="DomainValidationException"/> unless the stages start at 0 users and each begins where the previous ends, the last being open.</summary>
    /// <param name="stages">The stages, smallest first.</param>
    public GrowthStageCatalog(IEnumerable<GrowthStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        Stages = [.. stages];
        if (Stages.Count == 0 || Stages[0].MinUsers != 0 || Stages[^1].NextStageUsers is not null)
        {
            throw new DomainValidationException("Growth stages must start at 0 users and the last must have no upper bound.");
        }

        for (var i = 1; i < Stages.Count; i++)
        {
            if (Stages[i - 1].NextStageUsers != Stages[i].MinUsers)
            {
                throw new DomainValidationException(
                    $"Growth stage {Stages[i].Id} must start at {Stages[i - 1].NextStageUsers} users, where {Stages[i - 1].Id} ends, but starts at {Stages[i].MinUsers}.");
            }
        }
    }

    /// <summary>The chapter's five stages.</summary>
    public static GrowthStageCatalog Default { get; } = new(
    [
        Stage(GrowthStageId.Mvp, "MVP", 0, 100, "Single server, managed DB", 50, 200),
        Stage(GrowthStageId.EarlyTraction, "Early traction", 100, 1_000, "Vertical scaling, add caching", 200, 800),
        Stage(GrowthStageId.Growth, "Growth", 1_000, 10_000, "Read replicas, CDN, queues", 800, 3_000),
        Stage(GrowthStageId.Scale, "Scale", 10_000, 100_000, "Horizontal scaling, sharding prep", 3_000, 15_000),
        new GrowthStage(
            GrowthStageId.AtScale, "At scale", 100_000, null, "Full distributed architecture",
            new BudgetRange(Money.Of(15_000), Money.Of(100_000), isOpenEnded: true)),
    ]);

    /// <summary>The stages, smallest first.</summary>
    public IReadOnlyList<GrowthStage> Stages { get; }

    /// <summary>The stage <paramref name="activeUsers"/> falls in; throws <see cref="DomainValidationException"/> for a negative count.</summary>
    /// <param name="activeUsers">Active users.</param>
    public GrowthStage StageFor(long activeUsers)
    {
        if (activeUsers < 0)
        {
            throw new DomainValidationException($"Active users must not be negative, but were {activeUsers}.");
        }

        return Stages.Last(s => s.MinUsers <= activeUsers);
    }

    /// <summary>The stage after <paramref name="stage"/>, or null for the last.</summary>
    /// <param name="stage">A stage of this catalog.</param>
    public GrowthStage? NextAfter(GrowthStage stage) =>
        Stages.SkipWhile(s => s.Id != stage?.Id).Skip(1).FirstOrDefault();

    private static GrowthStage Stage(GrowthStageId id, string name, long min, long next, string strategy, decimal budgetMin, decimal budgetMax) =>
        new(id, name, min, next, strategy, new BudgetRange(Money.Of(budgetMin), Money.Of(budgetMax)));
}
