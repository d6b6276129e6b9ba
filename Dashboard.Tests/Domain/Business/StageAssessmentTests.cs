using Dashboard.Domain.Business;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class StageAssessmentTests
{
    [Theory]
    [InlineData(0, GrowthStageId.EarlyTraction, 100)]
    [InlineData(99, GrowthStageId.EarlyTraction, 1)]
    [InlineData(100, GrowthStageId.Growth, 900)]
    [InlineData(4_200, GrowthStageId.Scale, 5_800)]
    [InlineData(99_999, GrowthStageId.AtScale, 1)]
    public void Assess_GivesNextStageAndUsersNeeded(long users, GrowthStageId next, long needed)
    {
        var assessment = StageAssessment.Assess(GrowthStageCatalog.Default, users);

        Assert.Equal(next, assessment.NextStage!.Id);
        Assert.Equal(needed, assessment.UsersToNextStage);
        Assert.Null(assessment.BudgetFit);
    }

    [Fact]
    public void Assess_LastStage_HasNoNextStage()
    {
        var assessment = StageAssessment.Assess(GrowthStageCatalog.Default, 250_000);

        Assert.Equal(GrowthStageId.AtScale, assessment.Stage.Id);
        Assert.Null(assessment.NextStage);
        Assert.Null(assessment.UsersToNextStage);
    }

    [Theory]
    [InlineData(500, 150, BudgetFit.Under)]
    [InlineData(500, 450, BudgetFit.Within)]
    [InlineData(500, 1_200, BudgetFit.Over)]
    [InlineData(5_000, 2_000, BudgetFit.Within)]
    [InlineData(5_000, 3_500, BudgetFit.Over)]
    public void Assess_WithSpend_SaysUnderWithinOrOver(long users, decimal spend, BudgetFit expected)
    {
        var assessment = StageAssessment.Assess(GrowthStageCatalog.Default, users, Money.Of(spend));

        Assert.Equal(expected, assessment.BudgetFit);
    }

    [Fact]
    public void Law_StageNeverGoesDownAsUsersGrow_AndUsersNeededIsPositive()
    {
        var random = new Random(1_000);
        for (var i = 0; i < 2_000; i++)
        {
            var users = (long)Math.Pow(10, random.NextDouble() * 7);
            var more = users + random.Next(0, 200_000);

            var now = StageAssessment.Assess(GrowthStageCatalog.Default, users);
            var later = StageAssessment.Assess(GrowthStageCatalog.Default, more);

            Assert.True(later.Stage.Id >= now.Stage.Id, $"{users} users is {now.Stage.Id} but {more} users is {later.Stage.Id}");
            if (now.UsersToNextStage is { } needed)
            {
                Assert.True(needed > 0);
                Assert.Equal(now.NextStage!.Id, StageAssessment.Assess(GrowthStageCatalog.Default, users + needed).Stage.Id);
                Assert.Equal(now.Stage.Id, StageAssessment.Assess(GrowthStageCatalog.Default, users + needed - 1).Stage.Id);
            }
        }
    }
}
