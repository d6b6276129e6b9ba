using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Auth;

/// <summary>
/// A single sign-on that failed, in words that name the problem and what to do (issue 17, item 6): the provider
/// unreachable, the dashboard's client credentials refused, the token's times off this server's clock, a sign-on
/// abandoned or replayed. Never a 500: the account endpoints turn these into a page.
/// </summary>
internal static class SsoFailure
{
    /// <summary>The page's title and sentences for <paramref name="error"/>; <paramref name="authority"/> names the provider.</summary>
    public static (string Title, string[] Sentences) Explain(Exception error, string authority)
    {
        ArgumentNullException.ThrowIfNull(error);
        var all = Chain(error).ToList();
        var text = string.Join(" | ", all.Select(e => e.Message));
        if (all.Any(e => e is SecurityTokenNotYetValidException or SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException)
            || text.Contains("IDX10222", StringComparison.Ordinal) || text.Contains("IDX10223", StringComparison.Ordinal))
        {
            return ("The sign-in token's time does not fit this server's clock",
                ["The identity provider's token is not valid yet or no longer valid by this server's clock (clock skew).",
                 "Ask an administrator to check the time on the dashboard's server and on the provider (both should follow NTP)."]);
        }
        if (text.Contains("invalid_client", StringComparison.Ordinal) || text.Contains("unauthorized_client", StringComparison.Ordinal))
        {
            return ("The identity provider refused this dashboard",
                [$"The provider at {authority} did not accept the dashboard's client credentials (invalid_client).",
                 "Ask an administrator to check Auth:Oidc:ClientId and Auth:Oidc:ClientSecret against the application registered at the provider."]);
        }
        if (text.Contains("IDX20803", StringComparison.Ordinal) || text.Contains("IDX20804", StringComparison.Ordinal)
            || all.Any(e => e is HttpRequestException or TaskCanceledException))
        {
            return ("The identity provider cannot be reached",
                [$"Its discovery document ({authority.TrimEnd('/')}/.well-known/openid-configuration) did not answer.",
                 "Try again in a few minutes, or sign in with a password if you have one; an administrator can check Auth:Oidc:Authority and the provider."]);
        }
        if (text.Contains("Correlation failed", StringComparison.Ordinal) || text.Contains("nonce", StringComparison.OrdinalIgnoreCase))
        {
            return ("The sign-on was interrupted",
                ["It took too long, or the provider's answer was used twice (a back button, a second tab).", "Start the sign-on again."]);
        }
        if (all.OfType<OpenIdConnectProtocolException>().FirstOrDefault() is { } protocol)
        {
            return ("The identity provider answered with an error", [$"{protocol.Message}", "Try again, or ask an administrator to look at the provider's log."]);
        }
        return ("The single sign-on failed", [error.Message, "Try again, or ask an administrator to look at the dashboard's log."]);
    }

    /// <summary>Answers the failure as a page (502: the provider's side of the sign-on failed), with a way back to sign-in.</summary>
    public static async Task WriteAsync(HttpContext http, Exception error, string authority)
    {
        var (title, sentences) = Explain(error, authority);
        http.Response.StatusCode = StatusCodes.Status502BadGateway;
        await StatusPageHtml.WriteAsync(http, title,
            [.. sentences.Select(s => $"<p data-testid=\"sso-failure\">{System.Net.WebUtility.HtmlEncode(s)}</p>"), "<p><a href=\"/account/login\">Back to sign-in</a></p>"],
            http.RequestAborted);
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
