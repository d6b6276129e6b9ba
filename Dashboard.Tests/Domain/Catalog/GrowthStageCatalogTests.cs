using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Catalog;

public class GrowthStageCatalogTests
{
    // The growth-stages table: stage, first user count, first count of next stage (-1 = none),
    // strategy, budget min, budget max, open-ended.
    public static TheoryData<GrowthStageId, long, long, string, int, int, bool> Table => new()
    {
        { GrowthStageId.Mvp, 0, 100, "Single server, managed DB", 50, 200, false },
        { GrowthStageId.EarlyTraction, 100, 1_000, "Vertical scaling, add caching", 200, 800, false },
        { GrowthStageId.Growth, 1_000, 10_000, "Read replicas, CDN, queues", 800, 3_000, false },
        { GrowthStageId.Scale, 10_000, 100_000, "Horizontal scaling, sharding prep", 3_000, 15_000, false },
        { GrowthStageId.AtScale, 100_000, -1, "Full distributed architecture", 15_000, 100_000, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Default_Stage_MatchesTheTable(
        GrowthStageId id, long minUsers, long nextUsers, string strategy, int budgetMin, int budgetMax, bool openEnded)
    {
        var stage = Assert.Single(GrowthStageCatalog.Default.Stages, s => s.Id == id);

        Assert.Equal(minUsers, stage.MinUsers);
        Assert.Equal(nextUsers < 0 ? null : nextUsers, stage.NextStageUsers);
        Assert.Equal(strategy, stage.PrimaryStrategy);
        Assert.Equal(Money.Of(budgetMin), stage.Budget.Min);
        Assert.Equal(Money.Of(budgetMax), stage.Budget.Max);
        Assert.Equal(openEnded, stage.Budget.IsOpenEnded);
    }

    [Theory]
    [InlineData(0, GrowthStageId.Mvp)]
    [InlineData(99, GrowthStageId.Mvp)]
    [InlineData(100, GrowthStageId.EarlyTraction)]
    [InlineData(999, GrowthStageId.EarlyTraction)]
    [InlineData(1_000, GrowthStageId.Growth)]
    [InlineData(9_999, GrowthStageId.Growth)]
    [InlineData(10_000, GrowthStageId.Scale)]
    [InlineData(99_999, GrowthStageId.Scale)]
    [InlineData(100_000, GrowthStageId.AtScale)]
    [InlineData(50_000_000, GrowthStageId.AtScale)]
    public void StageFor_BoundariesBelongToTheUpperStage(long users, GrowthStageId expected)
    {
        var stage = GrowthStageCatalog.Default.StageFor(users);

        Assert.Equal(expected, stage.Id);
        Assert.True(stage.Contains(users));
    }

    [Fact]
    public void StageFor_NegativeUsers_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(() => GrowthStageCatalog.Default.StageFor(-1));
        Assert.Contains("Active users", ex.Message);
    }

    [Theory]
    [InlineData(49.99, BudgetFit.Under)]
    [InlineData(50, BudgetFit.Within)]
    [InlineData(200, BudgetFit.Within)]
    [InlineData(200.01, BudgetFit.Over)]
    public void BudgetRange_EndsAreInclusive(decimal spend, BudgetFit expected)
    {
        var mvp = GrowthStageCatalog.Default.StageFor(10);

        Assert.Equal(expected, mvp.Budget.Fit(Money.Of(spend)));
    }

    [Fact]
    public void BudgetRange_OpenEnded_NeverOver()
    {
        var atScale = GrowthStageCatalog.Default.StageFor(1_000_000);

        Assert.Equal(BudgetFit.Within, atScale.Budget.Fit(Money.Of(250_000)));
        Assert.Equal(BudgetFit.Under, atScale.Budget.Fit(Money.Of(14_999)));
    }

    [Fact]
    public void Constructor_GapBetweenStages_ThrowsNamingTheStage()
    {
        var stages = GrowthStageCatalog.Default.Stages.Where(s => s.Id != GrowthStageId.Growth);

        var ex = Assert.Throws<DomainValidationException>(() => new GrowthStageCatalog(stages));
        Assert.Contains("Growth stage Scale must start at 1000", ex.Message);
    }

    [Fact]
    public void Nonsense_StageOrBudget_Throws()
    {
        Assert.Throws<DomainValidationException>(() => new BudgetRange(Money.Of(10), Money.Of(5)));
        Assert.Throws<DomainValidationException>(() => new GrowthStage(
            GrowthStageId.Mvp, "MVP", 100, 100, "x", new BudgetRange(Money.Zero, Money.Zero)));
        Assert.Throws<DomainValidationException>(() => new GrowthStageCatalog(GrowthStageCatalog.Default.Stages.Skip(1)));
    }
}
