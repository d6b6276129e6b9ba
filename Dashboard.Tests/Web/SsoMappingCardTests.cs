using Bunit;
using Dashboard.Components.Settings;
using Dashboard.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Web;

/// <summary>The Settings page shows the groups-to-roles mapping read-only, so an owner sees why someone is an engineer (issue 17, item 2).</summary>
public sealed class SsoMappingCardTests : MudBunitContext
{
    private IRenderedComponent<SsoMappingCard> Render(OidcOptions oidc)
    {
        Services.AddSingleton<IOptionsMonitor<AuthOptions>>(new StaticMonitor(new AuthOptions { Oidc = oidc }));
        return Render<SsoMappingCard>();
    }

    [Fact]
    public void Configured_ShowsEachRoleWithItsGroups_HighestFirst_AndWhatHappensToTheRest()
    {
        var card = Render(new OidcOptions
        {
            Authority = "https://login.example.com",
            ClientId = "dashboard",
            RoleMapping = new() { ["engineer"] = ["sre-oncall", "backend"], ["pm"] = ["product"] },
            AccessContact = "it@example.com",
        });

        var rows = card.FindAll("[data-testid=sso-rule]");
        Assert.Equal(["owner", "engineer", "pm", "designer"], rows.Select(r => r.GetAttribute("data-role")));
        Assert.Equal("sre-oncall, backend", rows[1].QuerySelectorAll("td")[1].TextContent);
        Assert.Equal("no group", rows[0].QuerySelectorAll("td")[1].TextContent);
        Assert.Contains("is refused, with a page telling them to ask it@example.com", card.Find("[data-testid=sso-default]").TextContent, StringComparison.Ordinal);
        Assert.Contains("https://login.example.com", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("ClientSecret", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRole_IsSaid() =>
        Assert.Equal("A person in none of these groups gets the designer role.",
            Render(new OidcOptions { Authority = "https://login.example.com", DefaultRole = "designer" }).Find("[data-testid=sso-default]").TextContent.Trim());

    [Fact]
    public void Off_SaysHowToTurnItOn() =>
        Assert.Contains("Single sign-on is off", Render(new OidcOptions()).Find("[data-testid=sso-off]").TextContent, StringComparison.Ordinal);

    [Fact]
    public void ABadMapping_IsNamed() =>
        Assert.Contains("'admins', which does not exist",
            Render(new OidcOptions { Authority = "https://login.example.com", RoleMapping = new() { ["admins"] = ["it"] } }).Find("[data-testid=sso-problem]").TextContent,
            StringComparison.Ordinal);

    private sealed class StaticMonitor(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue => value;

        public AuthOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }
}
