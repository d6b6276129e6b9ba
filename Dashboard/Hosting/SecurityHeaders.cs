namespace Dashboard.Hosting;

internal static class SecurityHeaders
{
    // Blazor Server needs websockets to itself; MudBlazor sets inline styles.
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; " +
        "form-action 'self'; object-src 'none'";

    // Hangfire's dashboard ships inline scripts; it is for owners and engineers only.
    private const string HangfireCsp =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Signing out of a single sign-on session posts the form, then redirects to the provider's sign-out: its
        // origin may receive that navigation (form-action covers a form's redirects too).
        var provider = Uri.TryCreate(app.Configuration["Auth:Oidc:Authority"], UriKind.Absolute, out var authority)
            ? " " + authority.GetLeftPart(UriPartial.Authority)
            : "";
        var csp = Csp.Replace("form-action 'self'", "form-action 'self'" + provider, StringComparison.Ordinal);
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/hangfire") ? HangfireCsp
                    // The API reference starts itself with one inline module script, allowed by this response's nonce only.
                    : context.Items.TryGetValue(Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey, out var nonce) && nonce is string value
                        ? csp.Replace("script-src 'self'", $"script-src 'self' 'nonce-{value}'", StringComparison.Ordinal)
                        : csp;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }
}
