using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Dashboard.Auth;

/// <summary>
/// Sign-out of a single sign-on session: after the product's cookie is gone, the provider is asked to end its session
/// too (RP-initiated logout, with the ID token as the hint), and sends the browser back to the sign-in page. A session
/// signed in with a password has no ID token: nothing to end elsewhere.
/// </summary>
internal static class SsoSignOut
{
    /// <summary>The sign-out property that carries the ID token to the provider's sign-out request.</summary>
    public const string IdTokenItem = "sso.id_token";

    public static async Task<IResult?> ResultAsync(HttpContext context, string? idToken)
    {
        var schemes = context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
        if (string.IsNullOrEmpty(idToken) || await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme) is null)
        {
            return null;
        }
        var properties = new AuthenticationProperties { RedirectUri = "/account/login" };
        properties.Items[IdTokenItem] = idToken;
        return Results.SignOut(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
    }
}
