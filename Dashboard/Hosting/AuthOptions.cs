namespace Dashboard.Hosting;

/// <summary>Sign-in settings (section "Auth").</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Production bootstrap: the first owner, created only when no user exists yet.</summary>
    public string BootstrapAdminEmail { get; set; } = "";

    /// <summary>Secret; from the environment or a secret store, never from a file in the repo.</summary>
    public string BootstrapAdminPassword { get; set; } = "";

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>
    /// Failed sign-ins allowed for one account from one client address per <see cref="SignInFailureWindowMinutes"/>;
    /// past it that address is refused for that account (429), nobody else is (decision 027).
    /// </summary>
    public int SignInFailuresPerAccount { get; set; } = 5;

    /// <summary>The window of <see cref="SignInFailuresPerAccount"/>, in minutes.</summary>
    public int SignInFailureWindowMinutes { get; set; } = 15;

    /// <summary>
    /// Origins (scheme://host[:port]) besides the app's own that may send cookie-authenticated
    /// state-changing requests and open hub connections, e.g. a proxy's public address.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// How often a sign-in cookie is checked against the user's security stamp; sign-out and role
    /// changes renew the stamp, so every copy of an older cookie ends within this interval.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public OidcOptions Oidc { get; set; } = new();

    /// <summary>"on" (default): anyone with a password may use it. "break-glass": with single sign-on configured, only
    /// <see cref="BreakGlassOwnerEmail"/> may sign in with a password, for when the provider is down.</summary>
    public string LocalPasswords { get; set; } = On;

    /// <summary>The one owner account that keeps its password when <see cref="LocalPasswords"/> is "break-glass".</summary>
    public string BreakGlassOwnerEmail { get; set; } = "";

    public const string On = "on";
    public const string BreakGlass = "break-glass";

    /// <summary>Whether passwords are kept for the break-glass account only (single sign-on configured).</summary>
    public bool SsoOnly => LocalPasswords == BreakGlass && !string.IsNullOrWhiteSpace(Oidc.Authority);

    /// <summary>Whether <paramref name="email"/> may sign in with a password now.</summary>
    public bool MayUsePassword(string? email) =>
        !SsoOnly || string.Equals(email?.Trim(), BreakGlassOwnerEmail.Trim(), StringComparison.OrdinalIgnoreCase);

    private static readonly string[] KnownDefaults =
        ["admin", "password", "changeme", "change-me", "dashboard", "secret", "letmein", "123456", "set-me-in-env"];

    public static bool IsWeakPassword(string password) =>
        password.Length < 12 || KnownDefaults.Any(d => password.Contains(d, StringComparison.OrdinalIgnoreCase));
}

/// <summary>OpenID Connect for real deployments (section "Auth:Oidc"). Off while Authority is empty.</summary>
public sealed class OidcOptions
{
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>
    /// Whether the provider's metadata must come over HTTPS. Off only for a development provider on loopback; refused
    /// in Production.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim carrying the person's groups (Okta, Keycloak, Entra ID: "groups"; Google: see the README).</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Scopes asked for besides openid, profile and email (Okta's "groups", for example).</summary>
    public List<string> ExtraScopes { get; set; } = [];

    /// <summary>
    /// Role name to the groups that grant it ("owner": ["platform-leads"]); several groups may grant one role and the
    /// highest role wins. Empty: each role is granted by a group of its own name.
    /// </summary>
    public Dictionary<string, List<string>> RoleMapping { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The role of a person in no mapped group; empty: such a person is refused, with a page saying why.</summary>
    public string DefaultRole { get; set; } = "";

    /// <summary>Whom a refused person should ask, named on the "no role" page.</summary>
    public string AccessContact { get; set; } = "an owner of this dashboard";

    /// <summary>The mapping as the Domain checks it (problems named by setting).</summary>
    public (Dashboard.Domain.Security.GroupRoleMapping? Mapping, IReadOnlyList<string> Problems) Mapping() =>
        Dashboard.Domain.Security.GroupRoleMapping.Create(
            Dashboard.Jobs.Security.Roles.People,
            RoleMapping.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal),
            DefaultRole);
}
