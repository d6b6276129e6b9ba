using Dashboard.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Cross-site request forgery guard for everything a browser's cookie authenticates (decision 027):
/// every state-changing request (any method but GET, HEAD, OPTIONS, TRACE) and every hub or Blazor
/// circuit connection must come from this site: an Origin (or Referer) naming this host or one of
/// Auth:AllowedOrigins, or, when the browser withholds both (a form post under Referrer-Policy
/// no-referrer sends "Origin: null"), a valid antiforgery token. Bearer-token requests are exempt
/// (a token is not an ambient credential), and so are anonymous ones (they carry nothing to abuse).
/// </summary>
internal sealed class OriginGuard(RequestDelegate next, IAntiforgery antiforgery, IOptionsMonitor<AuthOptions> auth)
{
    public const string Title = "Cross-site request refused";

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsGuarded(context) && await RefusalAsync(context) is { } reason)
        {
            await Results.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: Title).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool IsGuarded(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && ApiTokenAuthenticationHandler.TokenFrom(context.Request) is null
        && (IsConnection(context.Request.Path) || !IsSafe(context.Request.Method))
        // Blazor's beacon only ends the caller's own circuit, named by an id only that page knows.
        && !context.Request.Path.StartsWithSegments("/_blazor/disconnect");

    /// <summary>Hub and circuit endpoints: negotiate is a POST, the connection itself a GET (WebSocket, SSE, long polling).</summary>
    private static bool IsConnection(PathString path) => RequestKinds.IsLongLived(path);

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private async Task<string?> RefusalAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != "null")
        {
            return IsAllowed(origin, request) ? null
                : $"The request came from {origin}, not from this site: cookie-signed changes and live connections are accepted from this site only (or an origin in Auth:AllowedOrigins). Scripts use an API token (Authorization: Bearer).";
        }
        if (Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer))
        {
            return IsAllowed(referer.GetLeftPart(UriPartial.Authority), request) ? null
                : $"The request was sent from a page of {referer.GetLeftPart(UriPartial.Authority)}, not from this site.";
        }
        if (IsConnection(request.Path) && HttpMethods.IsGet(request.Method))
        {
            // A browser always names the origin of a WebSocket or cross-site fetch; "null" is a sandboxed or opaque page.
            return origin.Length == 0 ? null : "The connection came from an opaque origin (Origin: null), not from this site.";
        }
        return await antiforgery.IsRequestValidAsync(context) ? null
            : "The request names no origin and carries no valid antiforgery token: send it from the dashboard's own pages, or use an API token (Authorization: Bearer).";
    }

    private bool IsAllowed(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || auth.CurrentValue.AllowedOrigins.Any(a => Uri.TryCreate(a, UriKind.Absolute, out var allowed)
                && string.Equals(allowed.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)));
}
