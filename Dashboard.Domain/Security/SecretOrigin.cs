namespace Dashboard.Domain.Security;

/// <summary>
/// Where a stored secret may be sent: the address it was saved for. An HTTP source's origin is its
/// scheme, host and port; a PostgreSQL target's is its host, port and database. A stored secret is
/// used only while the address keeps its origin; a new address needs the secret entered again.
/// </summary>
/// <param name="Scheme">http, https, or postgresql.</param>
/// <param name="Host">The host, lower case.</param>
/// <param name="Port">The port (the scheme's default when none is written).</param>
/// <param name="Database">The database of a PostgreSQL target; empty for a URL.</param>
public sealed record SecretOrigin(string Scheme, string Host, int Port, string Database)
{
    /// <summary>The origin of an absolute http(s) URL; null when <paramref name="url"/> is not one.</summary>
    public static SecretOrigin? OfUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new SecretOrigin(uri.Scheme, uri.IdnHost.ToLowerInvariant(), uri.Port, "")
            : null;

    /// <summary>The origin of a PostgreSQL target (5432 when no port is written).</summary>
    public static SecretOrigin OfDatabase(string? host, int? port, string? database) =>
        new("postgresql", (host ?? "").Trim().ToLowerInvariant(), port is > 0 ? port.Value : 5432, database?.Trim() ?? "");

    /// <summary>
    /// May a secret saved for <paramref name="savedFor"/> go to <paramref name="sendTo"/>? Only to the
    /// same origin; an unknown origin on either side matches nothing.
    /// </summary>
    public static bool MayReuse(SecretOrigin? savedFor, SecretOrigin? sendTo) =>
        savedFor is not null && sendTo is not null && savedFor == sendTo;

    /// <summary>
    /// May a secret saved for the URL <paramref name="savedFor"/> go to the URL <paramref name="sendTo"/>? The same
    /// text (an unchanged address, even an empty one), or the same scheme, host and port.
    /// </summary>
    public static bool MayReuse(string? savedFor, string? sendTo) =>
        string.Equals((savedFor ?? "").Trim(), (sendTo ?? "").Trim(), StringComparison.Ordinal) || MayReuse(OfUrl(savedFor), OfUrl(sendTo));

    /// <summary>The origin of <paramref name="url"/> in words, or null when it is not an absolute http(s) URL.</summary>
    public static string? Describe(string? url) => OfUrl(url)?.ToString();

    /// <summary>The origin in words, e.g. http://prom:9090 or db:5432/orders.</summary>
    public override string ToString() =>
        Scheme == "postgresql" ? FormattableString.Invariant($"{Host}:{Port}/{Database}") : FormattableString.Invariant($"{Scheme}://{Host}:{Port}");
}
