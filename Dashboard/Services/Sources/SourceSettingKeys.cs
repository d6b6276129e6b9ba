using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Jobs.Settings;
using Npgsql;

namespace Dashboard.Services.Sources;

/// <summary>The configuration keys the Settings page may store, which of them are secrets, and how values compare.</summary>
public static partial class SourceSettingKeys
{
    public const string PrometheusUrl = "Prometheus:Url";
    public const string PrometheusTimeout = "Prometheus:Timeout";
    public const string PrometheusMaxRetries = "Prometheus:MaxRetries";
    public const string PrometheusBasicAuthUser = "Prometheus:BasicAuthUser";
    public const string PrometheusBasicAuthPassword = "Prometheus:BasicAuthPassword";
    public const string PrometheusBearerToken = "Prometheus:BearerToken";
    public const string AlertmanagerUrl = "Alertmanager:Url";
    public const string AlertmanagerTimeout = "Alertmanager:Timeout";
    public const string AlertmanagerBearerToken = "Alertmanager:BearerToken";
    public const string ScrapeTargets = "Ingest:ScrapeTargets";
    public const string Postgres = "Ingest:Postgres";

    /// <summary>The single-valued keys, in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> Fixed =
    [
        PrometheusUrl, PrometheusTimeout, PrometheusMaxRetries, PrometheusBasicAuthUser, PrometheusBasicAuthPassword, PrometheusBearerToken,
        AlertmanagerUrl, AlertmanagerTimeout, AlertmanagerBearerToken,
    ];

    public static string ScrapeUrl(string name) => $"{ScrapeTargets}:{name}:Url";

    public static string ScrapeToken(string name) => $"{ScrapeTargets}:{name}:BearerToken";

    public static string PostgresTarget(string name) => $"{Postgres}:{name}";

    /// <summary>Whether <paramref name="key"/> is one the page manages (the stored layer holds nothing else).</summary>
    public static bool IsManaged(string key) =>
        Fixed.Contains(key, StringComparer.OrdinalIgnoreCase) ||
        (key.StartsWith(Postgres + ":", StringComparison.OrdinalIgnoreCase) && key.Count(c => c == ':') == 2) ||
        (key.StartsWith(ScrapeTargets + ":", StringComparison.OrdinalIgnoreCase) && key.Count(c => c == ':') == 3 &&
         (key.EndsWith(":Url", StringComparison.OrdinalIgnoreCase) || key.EndsWith(":BearerToken", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Tokens, the basic-auth password and whole connection strings (they carry passwords) are stored encrypted and never shown.</summary>
    public static bool IsSecret(string key) =>
        key.EndsWith(":BearerToken", StringComparison.OrdinalIgnoreCase) ||
        key.Equals(PrometheusBasicAuthPassword, StringComparison.OrdinalIgnoreCase) ||
        key.StartsWith(Postgres + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>What an absent key means (the options' own defaults).</summary>
    public static string Default(string key) => key switch
    {
        _ when key.Equals(PrometheusTimeout, StringComparison.OrdinalIgnoreCase) => Format(new PrometheusOptions().Timeout),
        _ when key.Equals(AlertmanagerTimeout, StringComparison.OrdinalIgnoreCase) => Format(new AlertmanagerOptions().Timeout),
        _ when key.Equals(PrometheusMaxRetries, StringComparison.OrdinalIgnoreCase) => new PrometheusOptions().MaxRetries.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>Same setting? Timeouts and numbers compare by value, connection strings by their parsed form.</summary>
    public static bool Equivalent(string key, string? a, string? b)
    {
        a ??= Default(key);
        b ??= Default(key);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }
        if (key.EndsWith(":Timeout", StringComparison.OrdinalIgnoreCase) &&
            TimeSpan.TryParse(a, CultureInfo.InvariantCulture, out var ta) && TimeSpan.TryParse(b, CultureInfo.InvariantCulture, out var tb))
        {
            return ta == tb;
        }
        if (key.Equals(PrometheusMaxRetries, StringComparison.OrdinalIgnoreCase) &&
            int.TryParse(a, CultureInfo.InvariantCulture, out var ia) && int.TryParse(b, CultureInfo.InvariantCulture, out var ib))
        {
            return ia == ib;
        }
        if (key.StartsWith(Postgres + ":", StringComparison.OrdinalIgnoreCase) && TryParse(a) is { } ca && TryParse(b) is { } cb)
        {
            return ca.EquivalentTo(cb);
        }
        return false;
    }

    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>A target name becomes part of a configuration key: no ':' and nothing odd.</summary>
    public static bool IsValidName(string name) => TargetName().IsMatch(name);

    public const string NameRule = "1 to 64 letters, digits, '.', '-' or '_'";

    /// <summary>The connection string without its passwords (what may be shown), or null when it does not parse.</summary>
    public static string? WithoutPassword(string connectionString)
    {
        if (TryParse(connectionString) is not { } builder)
        {
            return null;
        }
        builder.Password = null;
        builder.SslPassword = null;
        return builder.ConnectionString;
    }

    /// <summary>
    /// Keywords a connection string from the Settings page may not use: they make the server read a file of its own
    /// (passfile, certificates, keys), hand a Kerberos service to the library, or pass server options.
    /// </summary>
    private static readonly string[] Forbidden =
    [
        "passfile", "sslcert", "sslcertificate", "sslkey", "rootcertificate", "sslrootcert", "clientcertificate", "clientcertificatekey",
        "kerberosservicename", "krbsrvname", "includerealm", "includeerrordetail", "options",
    ];

    /// <summary>The keywords of <paramref name="connectionString"/> that are not allowed, as written.</summary>
    public static IReadOnlyList<string> ForbiddenKeywords(string connectionString)
    {
        var parsed = new System.Data.Common.DbConnectionStringBuilder();
        try
        {
            parsed.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return []; // the validator names what does not parse
        }
        return [.. parsed.Keys.Cast<string>().Where(k => Forbidden.Contains(k.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant()))];
    }

    public static NpgsqlConnectionStringBuilder? TryParse(string? connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString ?? "");
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex TargetName();
}
