using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class ErrorBudgetTests
{
    private static readonly Slo ThreeNines = new(Percent.Of(99.9));

    [Theory]
    [InlineData(1_000_000, 0, 0, 1)]
    [InlineData(1_000_000, 250, 0.25, 0.75)]
    [InlineData(1_000_000, 1_000, 1, 0)]
    [InlineData(1_000_000, 1_500, 1.5, -0.5)]
    [InlineData(0, 0, 0, 1)]
    public void FromEvents_ConsumedIsErrorRatioOverBudget(long total, long bad, double consumed, double remaining)
    {
        var budget = ErrorBudget.FromEvents(ThreeNines, total, bad);

        Assert.Equal(consumed, budget.Consumed, 9);
        Assert.Equal(remaining, budget.Remaining, 9);
        Assert.Equal(consumed >= 1, budget.IsExhausted);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(10, -1)]
    [InlineData(10, 11)]
    public void FromEvents_ImpossibleCounts_Throw(long total, long bad)
    {
        var ex = Assert.Throws<DomainValidationException>(() => ErrorBudget.FromEvents(ThreeNines, total, bad));
        Assert.Contains("bad events", ex.Message);
    }

    [Fact]
    public void FromAvailability_9995Observed_HalfTheBudgetLeft()
    {
        var budget = ErrorBudget.FromAvailability(ThreeNines, Percent.Of(99.95));

        Assert.Equal(0.5, budget.Remaining, 9);
    }

    [Fact]
    public void TimeToExhaustion_HalfLeftAtBurnRateOne_IsHalfTheWindow()
    {
        var budget = ErrorBudget.FromAvailability(ThreeNines, Percent.Of(99.95));

        Assert.Equal(TimeSpan.FromDays(15), budget.TimeToExhaustion(1));
        Assert.Equal(TimeSpan.FromDays(1), budget.TimeToExhaustion(15));
        Assert.Null(budget.TimeToExhaustion(0));
        Assert.Equal(TimeSpan.Zero, ErrorBudget.FromEvents(ThreeNines, 100, 1).TimeToExhaustion(3));
        Assert.Throws<DomainValidationException>(() => budget.TimeToExhaustion(-1));
    }

    [Theory]
    [InlineData(0.0144, 14.4)]
    [InlineData(0.006, 6)]
    [InlineData(0.001, 1)]
    [InlineData(0, 0)]
    public void BurnRate_IsErrorRatioOverBudget(double errorRatio, double expected)
    {
        Assert.Equal(expected, BurnRate.Of(ThreeNines, errorRatio), 9);
    }
}
