using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Jobs.Settings;
using Dashboard.Services.Setup;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>The layout's gate applies the first-run rule to the page it wraps.</summary>
public sealed class SetupGateTests : MudBunitContext
{
    private IRenderedComponent<SetupGate> RenderGate(string prometheusUrl, string role, string page = "/")
    {
        Services.AddOptions<PrometheusOptions>().Configure(o => o.Url = prometheusUrl);
        Services.AddSingleton<SetupStatus>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(page);
        return Render<SetupGate>(p => p
            .Add(g => g.User, SetupRedirectRuleTests.User(role))
            .Add(g => g.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<p data-testid=\"page\">the page</p>"))));
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("engineer")]
    public void Unconfigured_OwnerOrEngineer_IsSentToSetup(string role)
    {
        var gate = RenderGate("", role);

        Assert.EndsWith("/setup", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.Empty(gate.FindAll("[data-testid=page]"));
    }

    [Theory]
    [InlineData("pm")]
    [InlineData("designer")]
    public void Unconfigured_OtherRole_SeesNotSetUpMessage(string role)
    {
        var gate = RenderGate("", role);

        Assert.Contains("ask an owner or engineer", gate.Find("[data-testid=not-set-up]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(gate.FindAll("[data-testid=page]"));
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Unconfigured_OwnerOnSetup_SeesThePage()
    {
        var gate = RenderGate("", "owner", "/setup");

        gate.Find("[data-testid=page]");
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("pm")]
    public void Configured_AnyRole_SeesThePage(string role)
    {
        var gate = RenderGate("http://prometheus:9090", role);

        gate.Find("[data-testid=page]");
        Assert.Empty(gate.FindAll("[data-testid=not-set-up]"));
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }
}
