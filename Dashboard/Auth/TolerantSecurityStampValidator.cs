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
/// while the primary is down, and nobody is signed out by an outage; checks pause for one interval
/// (so an unreachable primary does not cost every request a connection attempt), then resume.
/// </summary>
internal sealed class TolerantSecurityStampValidator(
    SessionCheckPause pause,
    IOptionsMonitor<AuthOptions> auth,
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<DashboardUser> signInManager,
    ILoggerFactory loggers)
    : SecurityStampValidator<DashboardUser>(WithInterval(options.Value, auth.CurrentValue.SessionCheckInterval), signInManager, loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<TolerantSecurityStampValidator>();

    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = TimeProvider.GetUtcNow();
        if (pause.IsPaused(now))
        {
            return;
        }
        try
        {
            await base.ValidateAsync(context);
        }
        catch (Exception ex) when (DatabaseFailure.Is(ex))
        {
            pause.Until(now + Options.ValidationInterval);
            logger.LogWarning("Session check skipped, the database did not answer ({Error}); sign-ins are kept and checked again after {Interval}",
                ex.Message, Options.ValidationInterval);
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
