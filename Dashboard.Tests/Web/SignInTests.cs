using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Web;

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SignInTests(DashboardAppFactory app)
{
    [Fact]
    public async Task SignIn_WrongPassword_BackToFormWithError()
    {
        using var client = app.CreateRawClient();
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        var response = await browser.PostAsync("/account/signin", await CookieSignIn.FormAsync(browser, "pm@demo.local", "not-the-password"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?error=failed", response.Headers.Location!.OriginalString);
        var form = await browser.GetStringAsync(response.Headers.Location);
        Assert.Contains("Sign-in failed: the email or password is wrong", form);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_Rejected()
    {
        using var client = app.CreateRawClient();

        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = app.For("owner").Email,
            ["password"] = app.For("owner").Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("dashboard.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_ExternalReturnUrl_StaysOnSite()
    {
        var owner = app.For("owner");
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var form = await CookieSignIn.FormAsync(browser, owner.Email, owner.Password);
        var fields = (await form.ReadAsStringAsync()).Replace("returnUrl=%2F", "returnUrl=https%3A%2F%2Fevil.example", StringComparison.Ordinal);

        var response = await browser.PostAsync("/account/signin", new StringContent(fields, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Pages_SecurityHeaders_Present()
    {
        using var client = app.CreateRawClient();

        var response = await client.GetAsync("/account/login");

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.Contains("X-Correlation-Id"));
    }
}

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SignInRateLimitTests(DashboardAppFactory app)
{
    [Fact]
    public async Task SignIn_MoreThanLimitPerMinute_TooManyRequests()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var statuses = new List<HttpStatusCode>();
        using var limit = app.OverrideSetting("Auth:SignInPermitsPerMinute", "3");

        for (var i = 0; i < 4; i++)
        {
            var response = await browser.PostAsync("/account/signin", await CookieSignIn.FormAsync(browser, "pm@demo.local", "wrong-password-" + i));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }
}
