using System.Security.Claims;
using Dashboard.Hosting;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

internal static class AccountEndpoints
{
    /// <summary>Sign-in form post (rate limited, throttled, antiforgery-checked), sign-out, and the SSO hand-off.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");

        account.MapPost("/signin", async (
                HttpContext context, [FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
                SignInManager<DashboardUser> signIn, SignInThrottle throttle, IOptionsMonitor<AuthOptions> auth, ILoggerFactory loggers) =>
            {
                var target = SafeReturnUrl(returnUrl);
                var address = context.Connection.RemoteIpAddress;
                var log = loggers.CreateLogger("Dashboard.Auth");
                if (throttle.RetryAfter(email, address) is { } wait)
                {
                    log.LogWarning("Sign-in refused (too many failures for one account from {Address})", address);
                    return TooManyRequests.Result(wait);
                }
                // Single sign-on only: a password works for the break-glass owner alone; anyone else gets the one refusal.
                if (!auth.CurrentValue.MayUsePassword(email))
                {
                    throttle.Failed(email, address);
                    log.LogWarning("Password sign-in refused (single sign-on only; not the break-glass account)");
                    // The same answer as a wrong password: which address is the break-glass one is not told.
                    return Results.LocalRedirect($"/account/login?error=failed&returnUrl={Uri.EscapeDataString(target)}");
                }
                // Never lock the account on failures: anybody could lock anybody out (decision 027).
                // Sign-in stores nothing (failures are counted in memory), so it works while read-only: the user
                // store is read from the replica then. Should Identity want to write (a password rehash), say so.
                Microsoft.AspNetCore.Identity.SignInResult result;
                try
                {
                    result = await signIn.PasswordSignInAsync(email ?? "", password ?? "", isPersistent: false, lockoutOnFailure: false);
                }
                catch (Exception ex) when (ReadOnlyGuard.IsReadOnlyFailure(ex) || DatabaseFailure.Is(ex))
                {
                    log.LogWarning("Sign-in could not be completed: the user database is unreachable ({Error})", ex.Message);
                    return Results.LocalRedirect($"/account/login?error=unavailable&returnUrl={Uri.EscapeDataString(target)}");
                }
                if (result.Succeeded)
                {
                    throttle.Succeeded(email, address);
                    return Results.LocalRedirect(target);
                }
                throttle.Failed(email, address);
                log.LogWarning("Sign-in refused ({Reason})", result.IsLockedOut ? "locked by an operator" : result.IsNotAllowed ? "not allowed" : "invalid");
                // One answer for every refusal, so it never tells whether the account exists.
                return Results.LocalRedirect($"/account/login?error=failed&returnUrl={Uri.EscapeDataString(target)}");
            })
            .AllowAnonymous()
            .AllowWhileReadOnly()
            .RequireRateLimiting(RateLimitRegistration.SignIn)
            .DisableAntiforgery()
            .AddEndpointFilter<AntiforgeryFilter>();

        account.MapPost("/logout", async (HttpContext context, ClaimsPrincipal principal, SignInManager<DashboardUser> signIn, ILoggerFactory loggers) =>
        {
            // A new security stamp ends every copy of this cookie at its next check, not only this browser's.
            try
            {
                if (await signIn.UserManager.GetUserAsync(principal) is { } user)
                {
                    await signIn.UserManager.UpdateSecurityStampAsync(user);
                }
            }
            catch (Exception ex) when (DatabaseFailure.Is(ex))
            {
                loggers.CreateLogger("Dashboard.Auth").LogWarning("Sign-out could not renew the security stamp ({Error}); other copies of the cookie stay valid", ex.Message);
            }
            // A single sign-on session ends at the provider too (RP-initiated logout), so the next visit asks there again.
            var idToken = await context.GetTokenAsync(IdentityConstants.ApplicationScheme, "id_token");
            await signIn.SignOutAsync();
            return await SsoSignOut.ResultAsync(context, idToken) ?? Results.LocalRedirect("/account/login");
        }).AllowWhileReadOnly();

        // Without OIDC configured there is no single sign-on to start: 404 (people get the not-found page), not a 500.
        account.MapGet("/login/sso", async (string? returnUrl, HttpContext context, IAuthenticationSchemeProvider schemes,
                IOptionsMonitor<OpenIdConnectOptions> oidc) =>
            {
                if (await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is null)
                {
                    return Results.NotFound();
                }
                // The challenge reads the provider's discovery document and pushes the request to it: a provider that is
                // down or misconfigured is a page naming the problem, not a 500.
                try
                {
                    await context.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme,
                        new AuthenticationProperties { RedirectUri = $"/account/login/sso/complete?returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}" });
                }
                catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
                {
                    context.Response.Clear();
                    await SsoFailure.WriteAsync(context, ex, oidc.Get(OpenIdConnectDefaults.AuthenticationScheme).Authority ?? "");
                }
                return Results.Empty;
            })
            .AllowAnonymous();

        // Back from the provider: the user is provisioned, mapped to a role, or refused with a page saying why.
        account.MapGet("/login/sso/complete", async (string? returnUrl, HttpContext context, IServiceProvider services) =>
                services.GetService<SsoSignIn>() is { } sso ? await sso.CompleteAsync(context, returnUrl) : Results.NotFound())
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
