using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Infrastructure;

/// <summary>Signs in through the real form (antiforgery token and all) and keeps the cookies.</summary>
public static partial class CookieSignIn
{
    public static async Task<HttpClient> SignInAsync(this DashboardAppFactory app, string email, string password, CookieContainer? cookies = null)
    {
        cookies ??= new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var response = await client.PostAsync("/account/signin", await FormAsync(client, email, password));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} -> {response.Headers.Location}");
        }
        // As a browser's fetch from the dashboard's own pages: cookie-signed changes must name their origin.
        client.DefaultRequestHeaders.Add("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority));
        return client;
    }

    /// <summary>The sign-in form's fields, with the antiforgery token read from the login page.</summary>
    public static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/",
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
        });
    }

    /// <summary>The antiforgery token of a rendered page's form, or null when it has none.</summary>
    public static string? AntiforgeryToken(string page) =>
        AntiforgeryField().Match(page) is { Success: true } token ? WebUtility.HtmlDecode(token.Groups["value"].Value) : null;

    [GeneratedRegex("""<input[^>]*name="(?<name>__RequestVerificationToken)"[^>]*value="(?<value>[^"]+)""")]
    private static partial Regex AntiforgeryField();
}
