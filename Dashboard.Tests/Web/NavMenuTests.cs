using System.Security.Claims;
using Bunit;
using Dashboard.Components.Layout;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>The navigation offers exactly the views a role may open (the server enforces the same policies).</summary>
public sealed class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public static readonly TheoryData<string, string[]> Expected = new()
    {
        { "owner", ["Overview", "Owner", "Engineer", "PM", "Designer", "Checklist", "Settings", "Jobs", "API reference"] },
        { "engineer", ["Overview", "Engineer", "PM", "Designer", "Checklist", "Settings", "Jobs", "API reference"] },
        { "pm", ["Overview", "PM", "Designer", "Checklist"] },
        { "designer", ["Overview", "Designer"] },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void NavMenu_Role_ShowsOnlyAllowedViews(string role, string[] expected)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role)], "test"));

        var menu = Render<NavMenu>(p => p.Add(m => m.User, user));

        var shown = menu.FindAll("[data-nav]").Select(e => e.GetAttribute("data-nav")).ToArray();
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void NavMenu_NoRole_ShowsNothing()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "nobody")], "test"));

        var menu = Render<NavMenu>(p => p.Add(m => m.User, user));

        Assert.Empty(menu.FindAll("[data-nav]"));
    }

    [Fact]
    public void NavMenu_Navigation_MarksTheCurrentViewOnly()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "owner"), new Claim(ClaimTypes.Role, "owner")], "test"));
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/");
        var menu = Render<NavMenu>(p => p.Add(m => m.User, user));
        string[] Active() => [.. menu.FindAll("a.active").Select(e => e.GetAttribute("data-nav")!)];
        Assert.Equal(["Overview"], Active());

        navigation.NavigateTo("/settings/resources?x=1");

        menu.WaitForAssertion(() => Assert.Equal(["Settings"], Active()));
        Assert.Equal("page", menu.Find("a.active").GetAttribute("aria-current"));
        navigation.NavigateTo("/pm");
        menu.WaitForAssertion(() => Assert.Equal(["PM"], Active()));
    }
}
