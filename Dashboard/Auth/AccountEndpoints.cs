using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Auth;

internal static class AccountEndpoints
{
    /// <summary>Sign-in form post (rate limited, antiforgery-checked), sign-out, and the SSO hand-off.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");

        account.MapPost("/signin", async (
                [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
                SignInManager<DashboardUser> signIn, ILoggerFactory loggers) =>
            {
                var target = SafeReturnUrl(returnUrl);
                var result = await signIn.PasswordSignInAsync(email ?? "", password ?? "", isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    return Results.LocalRedirect(target);
                }
                var reason = result.IsLockedOut ? "locked" : "invalid";
                loggers.CreateLogger("Dashboard.Auth").LogWarning("Sign-in refused ({Reason})", reason);
                return Results.LocalRedirect($"/account/login?error={reason}&returnUrl={Uri.EscapeDataString(target)}");
            })
            .AllowAnonymous()
            .RequireRateLimiting(AuthRegistration.SignInRateLimit)
            .DisableAntiforgery()
            .AddEndpointFilter<AntiforgeryFilter>();

        account.MapPost("/logout", async (SignInManager<DashboardUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        // Without OIDC configured there is no single sign-on to start: 404 (people get the not-found page), not a 500.
        account.MapGet("/login/sso", async (string? returnUrl, IAuthenticationSchemeProvider schemes) =>
                await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is null
                    ? Results.NotFound()
                    : Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) },
                        [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        return app;
    }

    /// <summary>
    /// Only local paths: an open redirect after sign-in is a phishing tool. A control character (CR/LF would split the
    /// Location header) or an overlong value makes it unsafe too: those go to /.
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            && returnUrl.Length <= Dashboard.Domain.Security.InputLimits.UrlLength
            && !Dashboard.Domain.Security.InputLimits.HasControlCharacters(returnUrl)
            ? returnUrl
            : "/";
}
