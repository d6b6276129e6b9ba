using System.Security.Claims;
using Dashboard.Services.Sources;

namespace Dashboard.Services.Setup;

/// <summary>What a signed-in user's page shows while the deployment may not be set up.</summary>
public enum SetupDecision
{
    /// <summary>The page itself.</summary>
    Show,

    /// <summary>Go to the first-run page (owners and engineers, who can set it up).</summary>
    RedirectToSetup,

    /// <summary>"Not set up yet: ask an owner or engineer" instead of empty pages (the other roles).</summary>
    NotSetUpYet,
}

/// <summary>The first-run rule of the pages (the API answers as it always does).</summary>
public static class SetupRedirectRule
{
    public const string SetupPath = "/setup";

    /// <param name="configured">A Prometheus URL is in force (<see cref="SetupStatus"/>).</param>
    /// <param name="user">The signed-in user.</param>
    /// <param name="relativePath">The page's address relative to the base ("", "owner", "settings/resources?x=1").</param>
    public static SetupDecision Decide(bool configured, ClaimsPrincipal user, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(relativePath);
        if (configured)
        {
            return SetupDecision.Show;
        }
        if (!SourceSettingsService.MayEdit(user))
        {
            return SetupDecision.NotSetUpYet;
        }
        var path = relativePath.Split('?', '#')[0].Trim('/');
        // Setup itself, and Settings for those who would rather fill the sources in there.
        var exempt = path is "setup" or "settings" || path.StartsWith("settings/", StringComparison.Ordinal);
        return exempt ? SetupDecision.Show : SetupDecision.RedirectToSetup;
    }
}
