using System.Net;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// Cross-site request forgery (decision 027): a signed-in browser's cookie must not change anything,
/// or open a live connection, for a page of another origin; scripts with a bearer token are not affected.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class CrossOriginTests(DashboardAppFactory app)
{
    private const string Evil = "https://evil.example";

    [Fact]
    public async Task EveryStateChangingEndpoint_CookieFromOtherOrigin_ForbiddenProblemAndSessionKept()
    {
        var owner = app.For("owner");
        using var client = await app.SignInAsync(owner.Email, owner.Password);
        var targets = StateChangingTargets();
        var allowed = new List<string>();

        foreach (var (method, path) in targets)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Remove("Origin");
            request.Headers.Add("Origin", Evil);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Forbidden || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || !body.Contains("Cross-site request refused", StringComparison.Ordinal) || !body.Contains(Evil, StringComparison.Ordinal))
            {
                allowed.Add($"{method} {path} -> {(int)response.StatusCode} {body[..Math.Min(body.Length, 120)]}");
            }
        }

        Assert.Contains(targets, t => t.Path == "/account/logout");
        Assert.Contains(targets, t => t.Path == "/api/v1/forecasts/recompute");
        Assert.Contains(targets, t => t.Path == "/hubs/saturation/negotiate");
        Assert.Empty(allowed);
        // The forged logout did not end the session.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task HubConnection_CookieFromOtherOrigin_Forbidden()
    {
        var engineer = app.For("engineer");
        using var client = await app.SignInAsync(engineer.Email, engineer.Password);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/hubs/saturation?id=none");
        forged.Headers.Remove("Origin");
        forged.Headers.Add("Origin", Evil);
        using var own = new HttpRequestMessage(HttpMethod.Get, "/hubs/saturation?id=none");
        var refused = await client.SendAsync(forged);
        var accepted = await client.SendAsync(own);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(Evil, await refused.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.Forbidden, accepted.StatusCode);
    }

    [Fact]
    public async Task Acknowledge_SameOriginOrBearer_ReachesTheEndpoint()
    {
        var engineer = app.For("engineer");
        using var cookie = await app.SignInAsync(engineer.Email, engineer.Password);
        using var bearer = app.CreateRawClient(engineer.Token);
        bearer.DefaultRequestHeaders.Add("Origin", Evil);

        var fromSite = await cookie.PostAsync("/api/v1/alerts/987654321/ack", null);
        var fromScript = await bearer.PostAsync("/api/v1/alerts/987654321/ack", null);

        // The endpoint answered (no such alert): neither request was refused as forged.
        Assert.Equal(HttpStatusCode.NotFound, fromSite.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromScript.StatusCode);
    }

    [Fact]
    public async Task Acknowledge_CookieWithoutOriginOrToken_Forbidden()
    {
        var engineer = app.For("engineer");
        using var client = await app.SignInAsync(engineer.Email, engineer.Password);
        client.DefaultRequestHeaders.Remove("Origin");

        var response = await client.PostAsync("/api/v1/alerts/987654321/ack", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("antiforgery token", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_FormWithTokenAndOpaqueOrigin_SignsOut()
    {
        // A form post under Referrer-Policy no-referrer says "Origin: null"; the form's token vouches for it.
        var pm = app.For("pm");
        using var client = await app.SignInAsync(pm.Email, pm.Password);
        var token = CookieSignIn.AntiforgeryToken(await client.GetStringAsync("/"));
        Assert.NotNull(token);
        client.DefaultRequestHeaders.Remove("Origin");
        client.DefaultRequestHeaders.Add("Origin", "null");

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        var real = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    /// <summary>Every mapped route that accepts a method other than GET/HEAD, with its parameters filled.</summary>
    private List<(string Method, string Path)> StateChangingTargets()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var targets = new List<(string, string)>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["POST"];
            var path = Fill(endpoint.RoutePattern);
            // Blazor's beacon ends only the caller's own circuit (see OriginGuard).
            if (path.StartsWith("/_blazor/disconnect", StringComparison.Ordinal))
            {
                continue;
            }
            targets.AddRange(methods.Where(m => m is not ("GET" or "HEAD" or "OPTIONS")).Select(m => (m, path)));
        }
        return [.. targets.Distinct()];
    }

    private static string Fill(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.Empty.ToString()
                : parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") ? "987654321" : "x",
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }
}
