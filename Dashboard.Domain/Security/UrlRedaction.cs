namespace Dashboard.Domain.Security;

/// <summary>
/// A URL as it may be shown or logged: no user info (<c>user:pass@</c>) and no value of a query
/// parameter whose name says it is a secret (token, password, key, signature, ...).
/// </summary>
public static class UrlRedaction
{
    /// <summary>What a removed secret reads as.</summary>
    public const string Mask = "redacted";

    private static readonly string[] SecretWords = ["token", "password", "passwd", "pwd", "secret", "key", "auth", "signature", "sig", "credential", "session"];

    /// <summary>
    /// <paramref name="url"/> without credentials; a text that is not an absolute URL is cut at its
    /// last '@' before the host (so "user:pass@host" never survives) and otherwise returned as it is.
    /// </summary>
    public static string Redact(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            var scheme = url.IndexOf("://", StringComparison.Ordinal);
            var start = scheme < 0 ? 0 : scheme + 3;
            var end = url.IndexOfAny(['/', '?', '#'], start);
            var at = url.LastIndexOf('@', end < 0 ? url.Length - 1 : end - 1);
            return at >= start ? url[..start] + url[(at + 1)..] : url;
        }
        var builder = new UriBuilder(uri) { UserName = "", Password = "" };
        if (uri.Query.Length > 1)
        {
            builder.Query = string.Join('&', uri.Query[1..].Split('&').Select(RedactPair));
        }
        var text = builder.Uri.ToString();
        // UriBuilder writes the default port and a trailing slash only when the input had them.
        return url.EndsWith('/') || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 ? text : text.TrimEnd('/');
    }

    /// <summary>Whether <paramref name="url"/> carries user info (credentials written into the URL).</summary>
    public static bool HasUserInfo(string? url) =>
        !string.IsNullOrEmpty(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0;

    /// <summary>Whether a query parameter of this name holds a secret.</summary>
    public static bool IsSecretName(string name)
    {
        var lower = name.ToLowerInvariant();
        return SecretWords.Any(w => lower.Contains(w, StringComparison.Ordinal));
    }

    private static string RedactPair(string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return pair;
        }
        var name = Uri.UnescapeDataString(pair[..eq]);
        return IsSecretName(name) ? pair[..(eq + 1)] + Mask : pair;
    }
}
