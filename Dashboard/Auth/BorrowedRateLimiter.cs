using System.Threading.RateLimiting;

namespace Dashboard.Auth;

/// <summary>
/// A limiter the rate-limiting middleware may hold and dispose when idle, while the budget itself
/// stays with <see cref="WorkLimits"/>, which the pages use too.
/// </summary>
internal sealed class BorrowedRateLimiter(RateLimiter owner) : RateLimiter
{
    public override TimeSpan? IdleDuration => owner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => owner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => owner.AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        owner.AcquireAsync(permitCount, cancellationToken);

    // The owner is not disposed here: it outlives the middleware's idle clean-up.
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
