using System.Collections.Concurrent;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Dashboard.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>The kinds of expensive work limited per user (decision 027).</summary>
public enum WorkKind
{
    /// <summary>Reports and forecast runs: each holds a job worker.</summary>
    Jobs,

    /// <summary>Ad-hoc forecasts, previews, connection tests, preset detection, configuration import.</summary>
    Queries,
}

/// <summary>
/// The per-user budgets of expensive work (decision 027), one fixed one-minute window per user and
/// kind, shared by the API's rate-limit policies and the pages' buttons: a user gets no more work
/// done through the UI than through the API, or both together. A changed limit is a new budget.
/// </summary>
public sealed class WorkLimits(IOptionsMonitor<RateLimitOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, FixedWindowRateLimiter> limiters = new(StringComparer.Ordinal);

    /// <summary>Takes one permit of the user's budget; null when granted, otherwise how long until the next window.</summary>
    public TimeSpan? TryTake(WorkKind kind, ClaimsPrincipal user)
    {
        using var lease = For(kind, Partition(user)).Limiter.AttemptAcquire();
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    /// <summary>What a page says when the budget is spent.</summary>
    public static string Refusal(TimeSpan retryAfter) =>
        $"Too many requests of this kind from your account; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} seconds.";

    /// <summary>The limiter of one budget (the API's policies borrow it, see <see cref="RateLimitRegistration"/>).</summary>
    internal (string Key, RateLimiter Limiter) For(WorkKind kind, string partition)
    {
        var limit = kind == WorkKind.Jobs ? options.CurrentValue.JobRequestsPerMinute : options.CurrentValue.QueryRequestsPerMinute;
        var key = $"{kind}|{partition}|{limit}";
        return (key, limiters.GetOrAdd(key, _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        })));
    }

    /// <summary>A user's cookie and API tokens share one budget: the limit is about the work, not the credential.</summary>
    internal static string Partition(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? $"user:{id}" : "anonymous";

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
