using System.Security.Claims;
using Dashboard.Services.Setup;

namespace Dashboard.Tests.Web;

/// <summary>The first-run rule: unconfigured, owners and engineers go to /setup, the other roles are told; configured, nobody is redirected.</summary>
public sealed class SetupRedirectRuleTests
{
    internal static ClaimsPrincipal User(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role)], "test"));

    [Theory]
    [InlineData("owner", "", SetupDecision.RedirectToSetup)]
    [InlineData("engineer", "owner", SetupDecision.RedirectToSetup)]
    [InlineData("owner", "pm?x=1", SetupDecision.RedirectToSetup)]
    [InlineData("owner", "setup", SetupDecision.Show)]
    [InlineData("engineer", "settings", SetupDecision.Show)]
    [InlineData("engineer", "settings/resources", SetupDecision.Show)]
    [InlineData("owner", "settingsx", SetupDecision.RedirectToSetup)]
    [InlineData("pm", "", SetupDecision.NotSetUpYet)]
    [InlineData("designer", "designer", SetupDecision.NotSetUpYet)]
    [InlineData("pm", "setup", SetupDecision.NotSetUpYet)]
    public void Decide_Unconfigured_DependsOnRoleAndPage(string role, string path, SetupDecision expected) =>
        Assert.Equal(expected, SetupRedirectRule.Decide(configured: false, User(role), path));

    [Theory]
    [InlineData("owner", "")]
    [InlineData("engineer", "engineer")]
    [InlineData("pm", "pm")]
    [InlineData("designer", "")]
    [InlineData("owner", "setup")]
    public void Decide_Configured_ShowsEveryPage(string role, string path) =>
        Assert.Equal(SetupDecision.Show, SetupRedirectRule.Decide(configured: true, User(role), path));
}
