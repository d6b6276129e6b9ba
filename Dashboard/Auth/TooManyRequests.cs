using System.Globalization;
using System.Net;
using Dashboard.Hosting;

namespace Dashboard.Auth;

/// <summary>
/// The 429 answer, in one place: problem+json for machines (API, hubs), a page in the sign-in
/// card's style for people; both with Retry-After. Written here rather than by the status-code
/// pages: re-executing a form POST would trip antiforgery.
/// </summary>
internal static class TooManyRequests
{
    /// <summary>
    /// Every refused sign-in says this, whatever the reason (wrong password, unknown account, too many
    /// attempts, account locked by an operator), so the answer never tells whether an account exists.
    /// </summary>
    public const string SignInRefused = "Sign-in failed: the email or password is wrong, or there were too many attempts from your address. Check them and try again in a few minutes.";

    /// <summary>The 429 as an endpoint result.</summary>
    public static IResult Result(TimeSpan retryAfter) => new Answer(retryAfter);

    private sealed class Answer(TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, retryAfter, null, httpContext.RequestAborted);
    }

    public static async Task WriteAsync(HttpContext context, TimeSpan retryAfter, string? what, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (RequestKinds.IsMachine(context.Request.Path))
        {
            await Results.Problem(
                $"Too many {what ?? "requests"}: try again in {seconds} seconds (Retry-After).",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments("/account"))
        {
            await StatusPageHtml.WriteAsync(context, "Too many attempts",
            [
                $"<p class=\"account-error\" role=\"alert\" data-testid=\"login-error\">{WebUtility.HtmlEncode(SignInRefused)}</p>",
                $"<p>You can try again in {seconds} seconds. <a href=\"/account/login\">Back to sign-in</a></p>",
            ], cancellationToken);
            return;
        }

        // Any other page: say what happened and what to do, nothing about sign-in.
        await StatusPageHtml.WriteAsync(context, "Too many requests",
        [
            $"<p role=\"alert\" data-testid=\"rate-limited\">Too many {WebUtility.HtmlEncode(what ?? "requests")} from your address in a short time.</p>",
            $"<p>Wait {seconds} seconds, then <a href=\"{WebUtility.HtmlEncode(context.Request.Path + context.Request.QueryString)}\">reload this page</a>.</p>",
        ], cancellationToken);
    }
}
