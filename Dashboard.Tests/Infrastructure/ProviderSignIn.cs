using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Signs in through the stack's OpenID provider as a browser does, without one: the dashboard's challenge, the provider's
/// sign-in form, its form_post back to the dashboard, each redirect followed by hand with one cookie jar for both.
/// </summary>
public static partial class ProviderSignIn
{
    /// <summary>The stack's test users by the role their groups give (scripts/oidc/users.json).</summary>
    public static readonly IReadOnlyDictionary<string, string> UsersByRole = new Dictionary<string, string>
    {
        ["owner"] = "olivia", ["engineer"] = "eli", ["pm"] = "paula", ["designer"] = "dana",
    };

    /// <summary>The provider's users as the stack wrote them (a fresh random password each, in the stack's state).</summary>
    public static string UsersFile => Path.Combine(TestStack.Current.StateDir, "oidc", "users.json");

    /// <summary>A test user's password, as the stack generated it at its last start.</summary>
    public static string PasswordOf(string login) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(UsersFile))!.AsArray()
            .First(u => (string?)u!["sub"] == login)!["password"]!.GetValue<string>();

    public static async Task<HttpClient> SignInThroughProviderAsync(this DashboardAppFactory app, string login)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var response = await FollowAsync(client, await client.GetAsync("/account/login/sso"));
        var form = await response.Content.ReadAsStringAsync();
        var action = FormAction().Match(form);
        if (!action.Success)
        {
            throw new InvalidOperationException($"The provider's sign-in form was not reached ({(int)response.StatusCode} {response.RequestMessage?.RequestUri}).");
        }
        var login1 = new Uri(response.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(action.Groups["action"].Value));
        response = await FollowAsync(client, await client.PostAsync(login1, new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = login, ["password"] = PasswordOf(login) })));
        // The provider answers with a page whose form posts the code to the dashboard (response_mode=form_post).
        var post = await response.Content.ReadAsStringAsync();
        if (FormAction().Match(post) is not { Success: true } back)
        {
            throw new InvalidOperationException($"The provider did not send the browser back: {(int)response.StatusCode} {post[..Math.Min(300, post.Length)]}");
        }
        var fields = HiddenInput().Matches(post).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        response = await FollowAsync(client, await client.PostAsync(WebUtility.HtmlDecode(back.Groups["action"].Value), new FormUrlEncodedContent(fields)));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Single sign-on as {login} ended at {(int)response.StatusCode} {response.RequestMessage?.RequestUri}.");
        }
        client.DefaultRequestHeaders.Add("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority));
        return client;
    }

    private static async Task<HttpResponseMessage> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        for (var hops = 0; hops < 10 && (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location; hops++)
        {
            var next = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            response.Dispose();
            response = await client.GetAsync(next);
        }
        return response;
    }

    [GeneratedRegex("""<form[^>]*action="(?<action>[^"]+)"[^>]*>""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex HiddenInput();
}
