using System.Net;
using System.Security.Claims;
using Dashboard.Domain.Security;
using Dashboard.Hosting;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// The end of a single sign-on (issue 17): the provider's answer (in Identity's external cookie) becomes a user of the
/// product. The groups map to a role (<see cref="GroupRoleMapping"/>); the first sign-in creates the user record (email,
/// name, the provider's subject as a login), later ones update it and set the role again from the groups; a user an
/// operator disabled (locked out) is refused however valid the provider's session; a person whose groups map to no
/// role gets a page saying so and whom to ask. The product's own sign-in cookie is then issued, carrying the ID token
/// for the provider's sign-out.
/// </summary>
internal sealed class SsoSignIn(
    SignInManager<DashboardUser> signIn,
    IOptions<AuthOptions> options,
    ILogger<SsoSignIn> log)
{
    /// <summary>The provider name stored with each user's login (AspNetUserLogins).</summary>
    public const string Provider = "oidc";

    public async Task<IResult> CompleteAsync(HttpContext http, string? returnUrl)
    {
        var oidc = options.Value.Oidc;
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is not { } principal)
        {
            return Results.LocalRedirect("/account/login?error=sso");
        }
        await http.SignOutAsync(IdentityConstants.ExternalScheme);

        var subject = principal.FindFirstValue("sub");
        var email = principal.FindFirstValue("email");
        var name = principal.FindFirstValue("name") ?? email;
        var groups = principal.FindAll(oidc.GroupsClaim).Select(c => c.Value).ToList();
        if (string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(email))
        {
            return await RefuseAsync(http, "The identity provider did not say who you are",
                $"Its answer has no {(string.IsNullOrWhiteSpace(subject) ? "subject (sub)" : "email")} claim. Ask {oidc.AccessContact} to check that the provider releases the email scope to this application.");
        }

        var decision = oidc.Mapping().Mapping!.Resolve(groups);
        if (decision.Role is not { } role)
        {
            log.LogWarning("Single sign-on refused for {Email}: {Reason}", email, decision.Reason);
            return await RefuseAsync(http, "No role for you here yet",
                $"You are signed in at the identity provider as {email}, but none of your groups gives a role in this dashboard " +
                $"({(groups.Count == 0 ? "the provider sent no groups" : "your groups: " + string.Join(", ", groups))}).",
                $"Ask {oidc.AccessContact} to add you to a group that is mapped to a role (Settings shows the mapping).");
        }

        var users = signIn.UserManager;
        var user = await users.FindByLoginAsync(Provider, subject) ?? await LinkOrCreateAsync(users, principal, subject, email, name!);
        if (user is null)
        {
            return await RefuseAsync(http, "This email already has an account",
                $"An account for {email} exists here, and the identity provider does not say the address is verified, so it is not joined to your sign-on. Ask {oidc.AccessContact}.");
        }
        if (await users.IsLockedOutAsync(user))
        {
            log.LogWarning("Single sign-on refused for {Email}: the user is disabled", email);
            return await RefuseAsync(http, "Your account is disabled",
                $"You signed in at the identity provider as {email}, but your account in this dashboard is disabled. Ask {oidc.AccessContact}.");
        }

        await UpdateAsync(users, user, email, name!, role);
        // The ID token goes with the product's cookie: signing out ends the provider's session too (RP-initiated logout).
        var properties = new AuthenticationProperties { IsPersistent = false };
        if (external.Properties?.GetTokenValue("id_token") is { } idToken)
        {
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        }
        await signIn.SignInWithClaimsAsync(user, properties, [new Claim("amr", "sso")]);
        log.LogInformation("Single sign-on for {Email}: {Reason}", email, decision.Reason);
        var target = AccountEndpoints.SafeReturnUrl(returnUrl);
        return Results.LocalRedirect(target == "/" ? "/" + role : target);
    }

    // A new person: a user record with the provider's subject as its login. An existing local account with the same
    // email is joined only when the provider says the address is verified (else anyone could claim it at a lax provider).
    private static async Task<DashboardUser?> LinkOrCreateAsync(UserManager<DashboardUser> users, ClaimsPrincipal principal, string subject, string email, string name)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is not null && !string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (user is null)
        {
            user = new DashboardUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user), "create the user");
        }
        Check(await users.AddLoginAsync(user, new UserLoginInfo(Provider, subject, "single sign-on")), "record the sign-on");
        return user;
    }

    // Email and name follow the provider; the role follows the groups, every sign-in (a role change renews the security
    // stamp, so the person's other sessions pick it up at their next check).
    private static async Task UpdateAsync(UserManager<DashboardUser> users, DashboardUser user, string email, string name, string role)
    {
        if (!string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase) || user.DisplayName != name)
        {
            user.Email = email;
            user.UserName = email;
            user.DisplayName = name;
            Check(await users.UpdateAsync(user), "update the user");
        }
        var current = await users.GetRolesAsync(user);
        var stale = current.Where(r => r != role).ToList();
        if (stale.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, stale), "remove the roles the groups no longer give");
        }
        if (!current.Contains(role))
        {
            Check(await users.AddToRoleAsync(user, role), "give the role the groups give");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Single sign-on could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static async Task<IResult> RefuseAsync(HttpContext http, string title, params string[] paragraphs)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await StatusPageHtml.WriteAsync(http, title,
            [.. paragraphs.Select(p => $"<p data-testid=\"sso-refusal\">{WebUtility.HtmlEncode(p)}</p>"), "<p><a href=\"/account/login\">Back to sign-in</a></p>"],
            http.RequestAborted);
        return Results.Empty;
    }
}
