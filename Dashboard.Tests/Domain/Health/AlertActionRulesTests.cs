using Dashboard.Domain.Health;

namespace Dashboard.Tests.Domain.Health;

public class AlertActionRulesTests
{
    private static readonly DateTimeOffset Now = ManualTimeProvider.DefaultStart;

    [Fact]
    public void CheckSilence_FourHoursWithReason_Valid()
    {
        Assert.Empty(AlertActionRules.CheckSilence(Now, Now.AddHours(4), "deploying the fix"));
    }

    [Fact]
    public void CheckSilence_ExactlySevenDays_Valid_OneMinuteMore_NamesUntil()
    {
        Assert.Empty(AlertActionRules.CheckSilence(Now, Now.AddDays(7), "migration week"));

        var problem = Assert.Single(AlertActionRules.CheckSilence(Now, Now.AddDays(7).AddMinutes(1), "migration week"));
        Assert.Equal("until", problem.Field);
        Assert.Contains("at most 7 days", problem.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void CheckSilence_EndNotInTheFuture_NamesUntil(int minutes)
    {
        var problem = Assert.Single(AlertActionRules.CheckSilence(Now, Now.AddMinutes(minutes), "x"));

        Assert.Equal("until", problem.Field);
        Assert.Contains("in the future", problem.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckSilence_NoReasonAndNoEnd_NamesBothFields(string? reason)
    {
        var problems = AlertActionRules.CheckSilence(Now, null, reason);

        Assert.Equal(["until", "reason"], problems.Select(p => p.Field));
        Assert.Contains("required", problems[1].Message);
    }

    [Fact]
    public void CheckSilence_ReasonTooLong_NamesReason()
    {
        var problem = Assert.Single(AlertActionRules.CheckSilence(Now, Now.AddHours(1), new string('x', AlertActionRules.MaxTextLength + 1)));

        Assert.Equal("reason", problem.Field);
        Assert.Contains("at most 500 characters", problem.Message);
    }

    [Fact]
    public void CheckAcknowledgement_NoteOptionalButBounded()
    {
        Assert.Empty(AlertActionRules.CheckAcknowledgement(null));
        Assert.Empty(AlertActionRules.CheckAcknowledgement("looking"));
        Assert.Equal("note", Assert.Single(AlertActionRules.CheckAcknowledgement(new string('x', 501))).Field);
    }
}
