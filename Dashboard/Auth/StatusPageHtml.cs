using System.Net;

namespace Dashboard.Auth;

/// <summary>
/// A status page in the sign-in card's style, written straight to the response: for answers that are not
/// re-executed through the status-code pages (a refused form POST, an API address opened in a browser).
/// </summary>
internal static class StatusPageHtml
{
    /// <summary>Writes the page; <paramref name="paragraphs"/> are already HTML (encode what comes from a user).</summary>
    public static Task WriteAsync(HttpContext context, string title, IEnumerable<string> paragraphs, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var encodedTitle = WebUtility.HtmlEncode(title);
        return context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" />" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\" />" +
            $"<title>{encodedTitle} · Dashboard</title><link rel=\"stylesheet\" href=\"/app.css\" /></head>" +
            "<body><main class=\"account-page\"><section class=\"account-card\">" +
            $"<h1 class=\"account-title\">Dashboard</h1><h2 data-testid=\"status-title\">{encodedTitle}</h2>" +
            string.Concat(paragraphs) +
            "</section></main></body></html>", cancellationToken);
    }

    /// <summary>A person's browser asking for a page (an address typed, a link followed), not a script or a program.</summary>
    public static bool IsBrowserNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && (request.Headers["Sec-Fetch-Mode"] == "navigate"
            || request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
