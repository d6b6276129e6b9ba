using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Jobs.Security;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// "Authorization: Bearer ..." for automation: a user's API token (acting with that user's
/// roles), or the configured scrape token (the machine role "monitor", for /metrics and probes).
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IOptions<ObservabilityOptions> observability,
    IServiceScopeFactory scopes)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenFrom(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var scrapeToken = observability.Value.MetricsScrapeToken;
        if (!string.IsNullOrEmpty(scrapeToken) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(scrapeToken)))
        {
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "prometheus"), new Claim(ClaimTypes.Role, Roles.Monitor)], SchemeName);
            return Success(new ClaimsPrincipal(identity));
        }

        var principal = await tokens.FindPrincipalAsync(token, BuildPrincipalAsync, Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("The bearer token is unknown, revoked, or its user is locked out.")
            : Success(principal);
    }

    /// <summary>The user's principal with its roles; null when the user is gone or locked out.</summary>
    private async Task<ClaimsPrincipal?> BuildPrincipalAsync(string userId)
    {
        // A scope of its own: a hub connection's request scope lives as long as the connection,
        // and must not keep Identity's DbContext and the loaded user alive with it.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return null;
        }
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<DashboardUser>>().CreateAsync(user);
    }

    /// <summary>
    /// The bearer token of a request: the Authorization header, or, for hub connections only,
    /// the access_token query parameter (browsers cannot set headers on WebSockets).
    /// </summary>
    public static string? TokenFrom(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        return request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } fromQuery
            ? fromQuery
            : null;
    }

    private AuthenticateResult Success(ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
}
