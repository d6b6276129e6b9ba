namespace Dashboard.Tests.Infrastructure;

/// <summary>A second app with a low sign-in limit, to see the limiter refuse.</summary>
public sealed class RateLimitedAppFactory : DashboardAppFactory
{
    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Auth:SignInPermitsPerMinute"] = "3" };
}
