using Dashboard.Hosting;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Auth;

internal static class AuthRegistration
{
    private const string SelectorScheme = "cookie-or-bearer";

    public static IHostApplicationBuilder AddDashboardAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var auth = builder.Configuration.Read<AuthOptions>(AuthOptions.Section);

        services.AddIdentity<DashboardUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "dashboard.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Machines get status codes, people get pages.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultAuthenticateScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
                o.DefaultForbidScheme = SelectorScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ApiTokenAuthenticationHandler.TokenFrom(ctx.Request) is not null
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        if (!string.IsNullOrWhiteSpace(auth.Oidc.Authority))
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, auth.Oidc.DisplayName, o =>
            {
                o.Authority = auth.Oidc.Authority;
                o.ClientId = auth.Oidc.ClientId;
                o.ClientSecret = auth.Oidc.ClientSecret;
                o.RequireHttpsMetadata = auth.Oidc.RequireHttpsMetadata;
                o.ResponseType = "code";
                o.UsePkce = true;
                // The provider's answer lands in Identity's external cookie; SsoSignIn makes a product user of it.
                o.SignInScheme = IdentityConstants.ExternalScheme;
                // The ID token is kept (in the external cookie, then the product's) for the provider's sign-out.
                o.SaveTokens = true;
                // Claims as the provider names them: "sub", "email", "groups".
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = "email";
                if (!auth.Oidc.RequireHttpsMetadata)
                {
                    // A development provider on plain HTTP: the sign-in's correlation and nonce cookies cannot be
                    // Secure with SameSite=None there; on one host (another port is the same site) Lax reaches the callback.
                    o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.CorrelationCookie.SameSite = o.NonceCookie.SameSite = SameSiteMode.Lax;
                }
                o.Scope.Add("email");
                foreach (var scope in auth.Oidc.ExtraScopes.Where(s => !string.IsNullOrWhiteSpace(s)))
                {
                    o.Scope.Add(scope);
                }
                // A failed sign-on is a page naming the problem (unreachable provider, refused client, clock skew), never a 500.
                o.Events.OnRemoteFailure = async context =>
                {
                    context.HandleResponse();
                    await SsoFailure.WriteAsync(context.HttpContext, context.Failure ?? new InvalidOperationException("The sign-on failed."), auth.Oidc.Authority);
                };
                // Sign-out ends the provider's session too: the ID token from the product's cookie is the hint.
                o.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    if (context.Properties.Items.TryGetValue(SsoSignOut.IdTokenItem, out var idToken) && idToken is not null)
                    {
                        context.ProtocolMessage.IdTokenHint = idToken;
                    }
                    return Task.CompletedTask;
                };
            });
            services.AddScoped<SsoSignIn>();
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddRolePolicies();

        services.AddDashboardRateLimits();
        services.AddSingleton<SessionCheckPause>();
        services.AddScoped<ISecurityStampValidator, TolerantSecurityStampValidator>();

        services.AddSingleton<ApiTokenService>();
        services.AddScoped<UserSeeder>();
        services.AddCascadingAuthenticationState();
        return builder;
    }

    private static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in Policies.RolesByPolicy)
        {
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
        return builder;
    }

    private static Task RedirectOrStatus<TOptions>(Microsoft.AspNetCore.Authentication.RedirectContext<TOptions> ctx, int status)
        where TOptions : AuthenticationSchemeOptions
    {
        if (RequestKinds.IsMachine(ctx.Request.Path))
        {
            ctx.Response.StatusCode = status;
            // A person who opened an API address in the browser reads a page saying what to do; a program gets
            // problem+json naming the problem (hubs and telemetry keep the bare status their clients expect).
            if (StatusPageHtml.IsBrowserNavigation(ctx.Request))
            {
                return ApiRefusalPage.WriteAsync(ctx.HttpContext, status);
            }

            return ctx.Request.Path.StartsWithSegments("/api")
                ? Results.Problem(
                    status == StatusCodes.Status401Unauthorized
                        ? "Sign in, or send an API token as 'Authorization: Bearer <token>' (Settings, API tokens)."
                        : "The signed-in user's role does not allow this request.",
                    statusCode: status,
                    title: status == StatusCodes.Status401Unauthorized ? "Not signed in" : "Not allowed").ExecuteAsync(ctx.HttpContext)
                : Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
