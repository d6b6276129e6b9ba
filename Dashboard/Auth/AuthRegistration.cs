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
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SaveTokens = false;
                o.SignInScheme = IdentityConstants.ApplicationScheme;
                o.TokenValidationParameters.RoleClaimType = auth.Oidc.RoleClaim;
                o.TokenValidationParameters.NameClaimType = "email";
                o.Scope.Add("email");
            });
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
