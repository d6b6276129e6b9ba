using Dashboard.Auth;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Tests.Web;

/// <summary>The 429 page says what happened where it happened (issue 16, item 4): sign-in words only on sign-in.</summary>
public sealed class TooManyRequestsPageTests
{
    [Fact]
    public async Task Page_OutsideSignIn_SaysWaitAndReload_NothingAboutSignIn()
    {
        var body = await WriteAsync("/pm", "?metric=cpu");

        Assert.Contains("Too many requests", body, StringComparison.Ordinal);
        Assert.Contains("Wait 30 seconds, then <a href=\"/pm?metric=cpu\">reload this page</a>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign-in", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_OnSignIn_KeepsTheSignInAnswer()
    {
        var body = await WriteAsync("/account/login", "");

        Assert.Contains(TooManyRequests.SignInRefused, body, StringComparison.Ordinal);
        Assert.Contains("Back to sign-in", body, StringComparison.Ordinal);
    }

    private static async Task<string> WriteAsync(string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        using var body = new MemoryStream();
        context.Response.Body = body;

        await TooManyRequests.WriteAsync(context, TimeSpan.FromSeconds(30), null, CancellationToken.None);

        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        Assert.Equal("30", context.Response.Headers.RetryAfter.ToString());
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }
}
