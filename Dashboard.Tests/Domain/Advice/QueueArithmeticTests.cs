using Dashboard.Domain.Advice;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Advice;

public class QueueArithmeticTests
{
    private static RequestStep Step(string name, double seconds, bool queue) =>
        new(name, Duration.Of(TimeSpan.FromSeconds(seconds)), queue);

    private static readonly RequestStep[] ChapterExample =
    [
        Step("payment", 2, false),
        Step("email", 1, true),
        Step("PDF", 3, true),
        Step("analytics", 0.5, true),
    ];

    [Fact]
    public void ChapterExample_SixPointFiveSecondsBecomesTwo()
    {
        var plan = QueueArithmetic.Plan(ChapterExample);

        Assert.Equal(TimeSpan.FromSeconds(6.5), plan.Synchronous.Value);
        Assert.Equal(TimeSpan.FromSeconds(2), plan.WithQueue.Value);
        Assert.Equal(TimeSpan.FromSeconds(4.5), plan.Saved.Value);
    }

    [Fact]
    public void EnqueueCost_IsPaidOncePerQueuedStep()
    {
        var plan = QueueArithmetic.Plan(ChapterExample, Duration.Of(TimeSpan.FromMilliseconds(2)));

        Assert.Equal(TimeSpan.FromMilliseconds(2_006), plan.WithQueue.Value);
    }

    [Fact]
    public void NothingQueueable_SavesNothing()
    {
        var plan = QueueArithmetic.Plan([Step("payment", 2, false)]);

        Assert.Equal(Duration.Zero, plan.Saved);
    }

    [Fact]
    public void EnqueueingCostsMoreThanTheWork_KeepsTheSynchronousPlan()
    {
        var plan = QueueArithmetic.Plan([Step("tiny", 0.001, true)], Duration.Of(TimeSpan.FromMilliseconds(5)));

        Assert.Equal(plan.Synchronous, plan.WithQueue);
        Assert.Equal(Duration.Zero, plan.Saved);
    }
}
