namespace Dashboard.Hosting;

/// <summary>
/// Per-user limits on expensive requests (section "RateLimits"), counted per signed-in user: the
/// cookie and every API token of a user share one budget. Read per request, so a change applies at once.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per user per minute that enqueue background work (reports, forecast runs).</summary>
    public int JobRequestsPerMinute { get; set; } = 3;

    /// <summary>Requests per user per minute that query Prometheus or a source or import configuration (ad-hoc forecasts, previews, connection tests, preset detection, config import).</summary>
    public int QueryRequestsPerMinute { get; set; } = 20;
}
