using Dashboard.Hosting;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Identity's security-stamp check of the sign-in cookie, every Auth:SessionCheckInterval
/// (decision 027): a cookie whose stamp is no longer the user's (signed out, roles changed) is
/// rejected. When the database cannot answer, the cookie is kept and a warning logged: reads go on
/// while the primary is down, and nobody is signed out by an outage; the check runs again on the
/// next request.
/// </summary>
internal sealed class TolerantSecurityStampValidator(
    IOptionsMonitor<AuthOptions> auth,
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<DashboardUser> signInManager,
    ILoggerFactory loggers)
    : SecurityStampValidator<DashboardUser>(WithInterval(options.Value, auth.CurrentValue.SessionCheckInterval), signInManager, loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<TolerantSecurityStampValidator>();

    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        try
        {
            await base.ValidateAsync(context);
        }
        catch (Exception ex) when (DatabaseFailure.Is(ex))
        {
            logger.LogWarning("Session check skipped, the database did not answer ({Error}); the sign-in is kept until the next check", ex.Message);
        }
    }

    private static IOptions<SecurityStampValidatorOptions> WithInterval(SecurityStampValidatorOptions configured, TimeSpan interval) =>
        Microsoft.Extensions.Options.Options.Create(new SecurityStampValidatorOptions
        {
            ValidationInterval = interval,
            OnRefreshingPrincipal = configured.OnRefreshingPrincipal,
            TimeProvider = configured.TimeProvider,
        });
}
