using System.Security.Claims;
using Dashboard.Auth;

namespace Dashboard.Tests.Web;

public class AccessExplanationTests
{
    [Theory]
    [InlineData("/settings", "the Settings view", "It is for the owner and engineer roles.", false)]
    [InlineData("/settings/sources?x=1", "the Settings view", "It is for the owner and engineer roles.", false)]
    [InlineData("/owner", "the Owner view", "It is for the owner role.", true)]
    [InlineData("/pm", "the PM view", "It is for the owner, pm and engineer roles.", false)]
    [InlineData("/hangfire/jobs/enqueued", "the jobs dashboard (Hangfire)", "It is for the owner and engineer roles.", false)]
    [InlineData("/ownership", "that page", "", false)]
    [InlineData("//evil.example/owner", "that page", "", false)]
    [InlineData(null, "that page", "", false)]
    public void For_Path_NamesWhatAndWhoMay(string? path, string what, string forWhom, bool revenue)
    {
        var explanation = AccessExplanation.For(path);

        Assert.Equal(what, explanation.What);
        Assert.Equal(forWhom, explanation.ForWhom);
        Assert.Equal(revenue, explanation.HoldsRevenue);
    }

    [Fact]
    public void RoleNames_Of_JoinsTheRolesOrSaysNone()
    {
        var both = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "owner"), new Claim(ClaimTypes.Role, "engineer")], "test"));
        var none = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "test"));

        Assert.Equal("owner, engineer", RoleNames.Of(both));
        Assert.Equal("none", RoleNames.Of(none));
    }
}
