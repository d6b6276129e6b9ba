using Dashboard.Domain.Values;

namespace Dashboard.Domain.Advice;

/// <summary>
/// What moving work to a queue saves in response time: the synchronous request takes the sum of its
/// steps; with a queue it takes the steps the user must wait for plus the time to enqueue the rest.
/// The chapter's example: payment 2 s + email 1 s + PDF 3 s + analytics 0.5 s = 6.5 s becomes 2 s.
/// </summary>
/// <param name="Synchronous">Response time with every step in the request.</param>
/// <param name="WithQueue">Response time with the queueable steps moved out.</param>
public sealed record QueueArithmetic(Duration Synchronous, Duration WithQueue)
{
    /// <summary>Time the user no longer waits.</summary>
    public Duration Saved => Duration.Of(Synchronous.Value - WithQueue.Value);

    /// <summary>Response times before and after queueing what can be queued.</summary>
    /// <param name="steps">The request's steps.</param>
    /// <param name="enqueueCost">Time to put one job on the queue (a Redis push is about a millisecond); zero by default.</param>
    public static QueueArithmetic Plan(IEnumerable<RequestStep> steps, Duration enqueueCost = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var all = steps.ToList();
        var synchronous = all.Aggregate(Duration.Zero, (sum, s) => sum + s.Time);
        var queued = all.Count(s => s.CanBeQueued);
        var waited = all.Where(s => !s.CanBeQueued).Aggregate(Duration.Zero, (sum, s) => sum + s.Time);
        var withQueue = waited + Duration.Of(enqueueCost.Value * queued);

        // Queueing a step that costs less than enqueueing it would make things slower: keep the faster plan.
        return new QueueArithmetic(synchronous, withQueue < synchronous ? withQueue : synchronous);
    }
}
