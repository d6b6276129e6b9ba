using System.Net;

namespace Dashboard.Auth;

/// <summary>
/// What a person sees when they open an API address in the browser without the right to: not the browser's bare
/// "HTTP ERROR 401", but a page saying what the address is and what to do (sign in, or ask for a role).
/// </summary>
internal static class ApiRefusalPage
{
    public static Task WriteAsync(HttpContext context, int status)
    {
        var path = context.Request.Path + context.Request.QueryString;
        var encoded = WebUtility.HtmlEncode(path);
        if (status == StatusCodes.Status401Unauthorized)
        {
            var signIn = "/account/login?returnUrl=" + Uri.EscapeDataString(path);
            return StatusPageHtml.WriteAsync(context, "Sign in to see this",
            [
                $"<p><code>{encoded}</code> is part of the dashboard's API. Programs call it with an API token " +
                "(<code>Authorization: Bearer …</code>, made on the Settings page); in a browser you need to be signed in.</p>",
                $"<p><a href=\"{WebUtility.HtmlEncode(signIn)}\" data-testid=\"status-sign-in\">Sign in</a> and you will be brought back here.</p>",
            ], context.RequestAborted);
        }

        return StatusPageHtml.WriteAsync(context, "You do not have access to this",
        [
            $"<p><code>{encoded}</code> is part of the dashboard's API, and your role ({WebUtility.HtmlEncode(RoleNames.Of(context.User))}) " +
            "does not include it. Ask an owner to give you the role you need.</p>",
            "<p><a href=\"/\">Back to the overview</a></p>",
        ], context.RequestAborted);
    }
}
