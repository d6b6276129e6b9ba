namespace Dashboard.Hosting;

/// <summary>How the pipeline tells callers and connections apart, in one place.</summary>
internal static class RequestKinds
{
    /// <summary>Machines (API clients, hub clients, Prometheus, probes): they get bare status codes, not pages.</summary>
    public static bool IsMachine(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") ||
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi");

    /// <summary>Connections that live for hours (SignalR hubs, Blazor circuits), not requests.</summary>
    public static bool IsLongLived(PathString path) =>
        path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor");
}
