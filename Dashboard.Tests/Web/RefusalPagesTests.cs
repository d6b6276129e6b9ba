using System.Net;
using System.Net.Http.Headers;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Web;

/// <summary>
/// Refusals people read (issue 16, item 4): the "no access" page names what was refused and who may open it, and
/// mentions revenue only where revenue is; an API address opened in a browser answers a page saying what to do,
/// while a program keeps getting problem+json.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class RefusalPagesTests(DashboardAppFactory app)
{
    [Theory]
    [InlineData("/hangfire", "the jobs dashboard (Hangfire)", "It is for the owner and engineer roles.", false)]
    [InlineData("/settings", "the Settings view", "It is for the owner and engineer roles.", false)]
    [InlineData("/engineer", "the Engineer view", "It is for the owner and engineer roles.", false)]
    [InlineData("/owner", "the Owner view", "It is for the owner role.", true)]
    public async Task Denied_NamesWhatAndForWhom_RevenueOnlyWhereItIs(string route, string what, string forWhom, bool revenue)
    {
        var designer = app.For("designer");
        using var client = await app.SignInAsync(designer.Email, designer.Password);

        var refused = await client.GetAsync(route);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var denied = await client.GetAsync(refused.Headers.Location);
        var html = WebUtility.HtmlDecode(await denied.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains($"You do not have access to {what}", html);
        Assert.Contains("Your role (designer) does not include it.", html);
        Assert.Contains(forWhom, html);
        Assert.Equal(revenue, html.Contains("Revenue figures are for owners only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiAddress_BrowserWithoutSession_PageWithSignInThatComesBack()
    {
        using var client = app.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/forecasts?metric=cpu");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.Headers.Add("Sec-Fetch-Mode", "navigate");

        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sign in to see this", html);
        Assert.Contains("/account/login?returnUrl=%2Fapi%2Fv1%2Fforecasts%3Fmetric%3Dcpu", html);
        Assert.Contains("href=\"/app.css\"", html);
    }

    [Fact]
    public async Task ApiAddress_BrowserWithWrongRole_PageSayingSo()
    {
        var designer = app.For("designer");
        using var client = await app.SignInAsync(designer.Email, designer.Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/jobs");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have access to this", html);
        Assert.Contains("your role (designer) does not include it", html);
        Assert.DoesNotContain("Revenue", html);
    }

    [Fact]
    public async Task ApiAddress_ProgramWithoutToken_ProblemJson()
    {
        using var client = app.CreateRawClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await client.GetAsync("/api/v1/forecasts");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"title\":\"Not signed in\"", body);
        Assert.Contains("Bearer", body);
    }

    [Fact]
    public async Task StatusPages_Stylesheet_IsServedAtItsPlainAddress()
    {
        // The refusal, 429 and sign-in-limit pages link /app.css without the fingerprint the app's pages use.
        using var client = app.CreateRawClient();

        var response = await client.GetAsync("/app.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(".account-card", await response.Content.ReadAsStringAsync());
    }
}
