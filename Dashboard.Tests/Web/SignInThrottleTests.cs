using System.Net;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Web;

/// <summary>
/// Guessing passwords from one address (decision 027): that address is throttled for that account;
/// the account is never locked, its API tokens keep working, and every refusal reads the same.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SignInThrottleTests(DashboardAppFactory app)
{
    private const string Generic = "Sign-in failed: the email or password is wrong, or there were too many attempts from your address.";

    [Fact]
    public async Task WrongPasswords_FromOneAddress_ThatAddressThrottledAccountAndTokensUnaffected()
    {
        var pm = app.For("pm");
        using var failures = app.OverrideSetting("Auth:SignInFailuresPerAccount", "5");
        using var attacker = FromAddress.Client(app, "127.0.0.2");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 12; i++)
        {
            var response = await attacker.PostAsync("/account/signin", await CookieSignIn.FormAsync(attacker, pm.Email, "wrong-password-" + i));
            statuses.Add(response.StatusCode);
        }
        var withRightPassword = await attacker.PostAsync("/account/signin", await CookieSignIn.FormAsync(attacker, pm.Email, pm.Password));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 7)], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, withRightPassword.StatusCode);
        // The owner of the account, elsewhere, signs in; scripts with the account's token carry on.
        using var owner = await app.SignInAsync(pm.Email, pm.Password);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/me")).StatusCode);
        using var script = app.CreateRawClient(pm.Token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Throttled_Answer_StyledPageWithRetryAfterAndTheGenericText()
    {
        var designer = app.For("designer");
        using var failures = app.OverrideSetting("Auth:SignInFailuresPerAccount", "1");
        using var attacker = FromAddress.Client(app, "127.0.0.3");

        await attacker.PostAsync("/account/signin", await CookieSignIn.FormAsync(attacker, designer.Email, "wrong-password"));
        var throttled = await attacker.PostAsync("/account/signin", await CookieSignIn.FormAsync(attacker, designer.Email, "wrong-password"));
        var page = await throttled.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {throttled.Headers.RetryAfter}");
        Assert.Contains("<link rel=\"stylesheet\" href=\"/app.css\"", page);
        Assert.Contains("class=\"account-card\"", page);
        Assert.Contains(WebUtility.HtmlEncode(Generic), page);
    }

    [Fact]
    public async Task Refusals_UnknownAccountAndWrongPassword_ReadTheSame()
    {
        using var client = FromAddress.Client(app, "127.0.0.4");

        var unknown = await client.PostAsync("/account/signin", await CookieSignIn.FormAsync(client, "nobody-" + Guid.NewGuid().ToString("N") + "@demo.local", "whatever-password"));
        var wrong = await client.PostAsync("/account/signin", await CookieSignIn.FormAsync(client, app.For("engineer").Email, "whatever-password"));
        var form = await client.GetStringAsync(wrong.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal(unknown.Headers.Location, wrong.Headers.Location);
        Assert.Contains(WebUtility.HtmlEncode(Generic), form);
    }
}
