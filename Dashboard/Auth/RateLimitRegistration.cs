using System.Threading.RateLimiting;
using Dashboard.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// The rate limits (decision 027): sign-in attempts per client address, and per signed-in user the
/// requests that enqueue background work or query Prometheus and sources (budgets kept by
/// <see cref="WorkLimits"/>, shared with the pages). The limits are read per request and are part
/// of the partition key, so a changed limit applies at once. A refusal is a
/// 429 with Retry-After: problem+json for the API, a page for people.
/// </summary>
internal static class RateLimitRegistration
{
    public const string SignIn = "sign-in";

    /// <summary>Reports and forecast runs: each occupies a job worker.</summary>
    public const string Jobs = "jobs";

    /// <summary>Ad-hoc forecasts, previews, connection tests, preset detection, configuration import.</summary>
    public const string Queries = "queries";

    public static IServiceCollection AddDashboardRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.JobRequestsPerMinute >= 1 && o.QueryRequestsPerMinute >= 1,
                "RateLimits:JobRequestsPerMinute and RateLimits:QueryRequestsPerMinute must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, ct) => new ValueTask(TooManyRequests.WriteAsync(ctx.HttpContext,
                ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1),
                "requests of this kind from your account (the limit is per user per minute)", ct));
            o.AddPolicy(SignIn, ctx => PerMinute(Address(ctx),
                ctx.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue.SignInPermitsPerMinute));
            o.AddPolicy(Jobs, ctx => Borrowed(ctx, WorkKind.Jobs));
            o.AddPolicy(Queries, ctx => Borrowed(ctx, WorkKind.Queries));
        });
        services.AddSingleton<WorkLimits>();
        return services;
    }

    // The budget lives in WorkLimits, shared with the pages' buttons; anonymous callers are counted per address.
    private static RateLimitPartition<string> Borrowed(HttpContext ctx, WorkKind kind)
    {
        var partition = ctx.User.Identity?.IsAuthenticated == true ? WorkLimits.Partition(ctx.User) : Address(ctx);
        var (key, limiter) = ctx.RequestServices.GetRequiredService<WorkLimits>().For(kind, partition);
        return RateLimitPartition.Get(key, _ => new BorrowedRateLimiter(limiter));
    }

    private static RateLimitPartition<string> PerMinute(string key, int limit) =>
        RateLimitPartition.GetFixedWindowLimiter($"{key}|{limit}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static string Address(HttpContext ctx) => $"address:{ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
}
