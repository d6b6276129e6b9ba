using System.Net;
using Dashboard.Jobs.Settings;
using Microsoft.Extensions.Options;

namespace Dashboard.Services.Sources;

/// <summary>
/// The hosts "test connection" may reach (docs/decisions/026-input-limits-and-source-secrets.md): the hosts the
/// sources are configured with now, the hosts listed in <see cref="SettingKey"/>, and loopback in the development
/// and demo profiles. Anything else is refused before a connection is tried, so the test is not a way to make the
/// server knock on arbitrary internal addresses.
/// </summary>
internal sealed class SourceTestTargets(
    IConfiguration configuration,
    IOptionsMonitor<PrometheusOptions> prometheus,
    IOptionsMonitor<AlertmanagerOptions> alertmanager,
    IOptionsMonitor<IngestOptions> ingest,
    IOptions<DashboardOptions> dashboard,
    IHostEnvironment environment)
{
    /// <summary>More hosts a test may reach (a list, or one comma-separated value), e.g. a Prometheus about to be connected.</summary>
    public const string SettingKey = "Sources:TestConnectionAllowedHosts";

    /// <summary>Null when <paramref name="host"/> may be tested; else the 400 message, naming <paramref name="field"/> and the rule.</summary>
    public string? Check(string field, string? host)
    {
        var name = Normalize(host);
        if (name.Length == 0 || Allowed().Contains(name) || (LoopbackAllowed && IsLoopback(name)))
        {
            return null;
        }
        return $"{field}: host '{name}' is not one test connection may reach. Allowed: the hosts the sources are configured with" +
            (LoopbackAllowed ? ", loopback" : "") + $" and those listed in {SettingKey}. Save the source first, or add the host there.";
    }

    private bool LoopbackAllowed => dashboard.Value.DemoMode || environment.IsDevelopment();

    private HashSet<string> Allowed()
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Url(string? url)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                hosts.Add(Normalize(uri.Host));
            }
        }
        Url(prometheus.CurrentValue.Url);
        Url(alertmanager.CurrentValue.Url);
        foreach (var target in ingest.CurrentValue.ScrapeTargets.Values)
        {
            Url(target.Url);
        }
        foreach (var connectionString in ingest.CurrentValue.Postgres.Values)
        {
            foreach (var host in (SourceSettingKeys.TryParse(connectionString)?.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                hosts.Add(WithoutPort(host));
            }
        }
        var listed = configuration.GetSection(SettingKey);
        foreach (var value in listed.GetChildren().Select(c => c.Value).Append(listed.Value))
        {
            foreach (var host in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                hosts.Add(Normalize(host));
            }
        }
        return hosts;
    }

    /// <summary>"db:5432" -> "db"; "[::1]:5432" -> "::1"; an IPv6 address without brackets stays whole.</summary>
    internal static string WithoutPort(string host)
    {
        var colon = host.LastIndexOf(':');
        var hasPort = colon > 0 && host.IndexOf(':') == colon || host.StartsWith('[');
        return Normalize(hasPort && colon > 0 && host[(colon + 1)..].All(char.IsAsciiDigit) ? host[..colon] : host);
    }

    private static string Normalize(string? host) => (host ?? "").Trim().Trim('[', ']').ToLowerInvariant();

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
