using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Web;

/// <summary>Every page and endpoint against every role: allowed, refused, or sent to sign-in.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class AccessMatrixTests(DashboardAppFactory app)
{
    public static readonly TheoryData<string> Roles = new(["owner", "engineer", "pm", "designer"]);

    // route -> roles allowed
    private static readonly Dictionary<string, string[]> Pages = new()
    {
        ["/"] = ["owner", "engineer", "pm", "designer"],
        ["/wall"] = ["owner", "engineer", "pm", "designer"],
        ["/owner"] = ["owner"],
        ["/engineer"] = ["owner", "engineer"],
        ["/pm"] = ["owner", "engineer", "pm"],
        ["/designer"] = ["owner", "engineer", "pm", "designer"],
        ["/checklist"] = ["owner", "engineer", "pm"],
        ["/settings"] = ["owner", "engineer"],
        ["/hangfire"] = ["owner", "engineer"],
    };

    private static readonly Dictionary<string, string[]> ApiGets = new()
    {
        ["/api/v1/me"] = ["owner", "engineer", "pm", "designer"],
        ["/api/v1/business/profile"] = ["owner", "engineer", "pm", "designer"],
        ["/api/v1/catalog"] = ["owner", "engineer", "pm", "designer"],
        ["/api/v1/dependencies"] = ["owner", "engineer", "pm", "designer"],
        ["/api/v1/jobs"] = ["owner", "engineer"],
        ["/api/v1/forecasts"] = ["owner", "engineer", "pm"],
        ["/api/v1/forecasts/export.csv"] = ["owner", "engineer", "pm"],
        ["/api/v1/whatif?multiplier=3"] = ["owner", "engineer", "pm"],
        ["/api/v1/stage/eta"] = ["owner", "engineer", "pm"],
        ["/api/v1/settings/sources"] = ["owner", "engineer"],
        ["/api/v1/database/health"] = ["owner", "engineer"],
        ["/api/v1/decision-path"] = ["owner", "engineer"],
        ["/api/v1/reports"] = ["owner", "engineer", "pm"],
        ["/api/v1/alerts"] = ["owner", "engineer"],
        ["/api/v1/rules/prometheus"] = ["owner", "engineer"],
        ["/api/v1/presets"] = ["owner", "engineer"],
        ["/api/v1/users"] = ["owner"],
        ["/api/v1/config/export"] = ["owner", "engineer"],
        ["/metrics"] = ["owner", "engineer"],
        ["/health/ready"] = ["owner", "engineer"],
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task SignIn_EachRole_ReachesOverview(string role)
    {
        var credential = app.For(role);

        using var client = await app.SignInAsync(credential.Email, credential.Password);
        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Overview", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Pages_SignedInRole_AllowedOrRefused(string role)
    {
        var credential = app.For(role);
        using var client = await app.SignInAsync(credential.Email, credential.Password);

        foreach (var (route, allowed) in Pages)
        {
            var response = await client.GetAsync(route);
            if (allowed.Contains(role))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} should open {route}, got {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role} should be refused {route}, got {(int)response.StatusCode}");
                Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
                var denied = await client.GetAsync(response.Headers.Location);
                Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Pages_SsoUserOfRole_SameAccessAsThatRole(string role)
    {
        // Signed in through the stack's OpenID provider: the role comes from the person's groups.
        var login = ProviderSignIn.UsersByRole[role];
        using var client = await app.SignInThroughProviderAsync(login);

        foreach (var (route, allowed) in Pages)
        {
            var response = await client.GetAsync(route);
            var expected = allowed.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Redirect;
            Assert.True(expected == response.StatusCode, $"SSO {role} ({login}) {route}: expected {(int)expected}, got {(int)response.StatusCode}");
        }
        foreach (var (route, allowed) in ApiGets.Where(a => a.Key.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var response = await client.GetAsync(route);
            var expected = allowed.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"SSO {role} ({login}) GET {route}: expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Pages_Anonymous_RedirectToSignIn()
    {
        using var client = app.CreateRawClient();

        foreach (var route in Pages.Keys)
        {
            var response = await client.GetAsync(route);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"anonymous {route}: {(int)response.StatusCode}");
            Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ApiAndTelemetry_BearerTokenOfRole_AllowedOrForbidden(string role)
    {
        using var client = app.CreateRawClient(app.For(role).Token);

        foreach (var (route, allowed) in ApiGets)
        {
            var response = await client.GetAsync(route);
            var expected = allowed.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{role} GET {route}: expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task ApiAndTelemetry_Anonymous_Unauthorized()
    {
        using var client = app.CreateRawClient();

        foreach (var route in ApiGets.Keys)
        {
            var response = await client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"anonymous GET {route}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Api_UnknownBearerToken_Unauthorized()
    {
        using var client = app.CreateRawClient("dsh_0000000000000000000000000000000000000000000000000");

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task HealthLive_Anonymous_SaysOnlyHealthy()
    {
        using var client = app.CreateRawClient();

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_ScrapeToken_ExposesHttpMetrics()
    {
        using var person = app.CreateRawClient(app.For("pm").Token);
        await person.GetAsync("/api/v1/me");
        using var prometheus = app.CreateRawClient(TestStack.Current.MetricsScrapeToken);

        var response = await prometheus.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http_request_duration_seconds_bucket", body);
        Assert.Contains("endpoint=\"/api/v1/me\"", body);
    }

    [Fact]
    public async Task ScrapeToken_OnPeopleApi_Forbidden()
    {
        using var prometheus = app.CreateRawClient(TestStack.Current.MetricsScrapeToken);

        var response = await prometheus.GetAsync("/api/v1/business/profile");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
