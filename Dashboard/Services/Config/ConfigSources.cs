using System.Globalization;
using Dashboard.Domain.Security;
using Dashboard.Hosting;
using Dashboard.Services.Sources;
using static Dashboard.Services.Sources.SourceSettingKeys;

namespace Dashboard.Services.Config;

/// <summary>
/// The sources section between a document and the Settings page's own input (<see cref="SourceSettingsInput"/>), so
/// an import is checked, stored, audited and applied by <see cref="SourceSettingsService"/> itself. A document never
/// carries a secret: a source keeps its stored secret only while its origin (scheme, host, port) stays the same, so a
/// token is never sent to a host it was not set for; otherwise the secret is dropped and a warning says so.
/// </summary>
internal sealed class ConfigSources(IConfiguration configuration, SourceSettingsLayers layers)
{
    /// <summary>The sources in force as a document section (the Settings page's view: secrets already left out).</summary>
    public static SourcesSection FromView(SourceSettingsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new SourcesSection
        {
            Prometheus = new PrometheusSection
            {
                Url = view.Prometheus.Url,
                TimeoutSeconds = view.Prometheus.TimeoutSeconds,
                MaxRetries = view.Prometheus.MaxRetries,
                BasicAuthUser = view.Prometheus.BasicAuthUser,
            },
            Alertmanager = new AlertmanagerSection { Url = view.Alertmanager.Url, TimeoutSeconds = view.Alertmanager.TimeoutSeconds },
            ScrapeTargets = [.. view.ScrapeTargets.Select(t => new ScrapeTargetEntry(t.Name, t.Url))],
            Postgres = [.. view.Postgres.Select(t => new PostgresTargetEntry(t.Name, t.ConnectionString))],
        };
    }

    /// <summary>The Settings page's input for the section, with what happens to each stored secret decided (and warned about).</summary>
    public SourceSettingsInput ToInput(SourcesSection sources, ConfigPositions at, List<ConfigProblem> warnings)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(at);
        PrometheusSourceInput? prometheus = null;
        if (sources.Prometheus is { } p)
        {
            var drop = Dropped(PrometheusUrl, p.Url, [PrometheusBearerToken, PrometheusBasicAuthPassword], "sources.prometheus.url", at, warnings);
            prometheus = new PrometheusSourceInput
            {
                Url = NewText(PrometheusUrl, p.Url),
                TimeoutSeconds = NewTimeout(PrometheusTimeout, p.TimeoutSeconds),
                MaxRetries = p.MaxRetries is { } retries && !Equivalent(PrometheusMaxRetries, retries.ToString(CultureInfo.InvariantCulture), configuration[PrometheusMaxRetries]) ? retries : null,
                BasicAuthUser = NewText(PrometheusBasicAuthUser, p.BasicAuthUser),
                BearerToken = drop.Contains(PrometheusBearerToken) ? new SecretInput(Clear: true) : null,
                BasicAuthPassword = drop.Contains(PrometheusBasicAuthPassword) ? new SecretInput(Clear: true) : null,
            };
        }
        AlertmanagerSourceInput? alertmanager = null;
        if (sources.Alertmanager is { } a)
        {
            var drop = Dropped(AlertmanagerUrl, a.Url, [AlertmanagerBearerToken], "sources.alertmanager.url", at, warnings);
            alertmanager = new AlertmanagerSourceInput
            {
                Url = NewText(AlertmanagerUrl, a.Url),
                TimeoutSeconds = NewTimeout(AlertmanagerTimeout, a.TimeoutSeconds),
                BearerToken = drop.Count > 0 ? new SecretInput(Clear: true) : null,
            };
        }
        return new SourceSettingsInput
        {
            Prometheus = prometheus,
            Alertmanager = alertmanager,
            ScrapeTargets = sources.ScrapeTargets?.Select((t, i) => new ScrapeTargetInput
            {
                Name = t.Name,
                Url = t.Url,
                BearerToken = Dropped(ScrapeUrl(t.Name), t.Url, [ScrapeToken(t.Name)], $"sources.scrapeTargets[{i}].url", at, warnings).Count > 0
                    ? new SecretInput(Clear: true) : null,
            }).ToList(),
            Postgres = sources.Postgres?.Select((t, i) => new PostgresTargetInput
            {
                Name = t.Name,
                ConnectionString = t.ConnectionString,
                Password = PasswordDropped(t, $"sources.postgres[{i}].connectionString", at, warnings) ? new SecretInput(Clear: true) : null,
            }).ToList(),
        };
    }

    /// <summary>
    /// A value only when it differs from the one in force: the Settings service counts a value given for a key that
    /// had none as a change even when it equals the default, and an import of an export must change nothing.
    /// </summary>
    private string? NewText(string key, string? value) =>
        value is not null && Equivalent(key, value.Trim(), configuration[key]) ? null : value;

    private double? NewTimeout(string key, double? seconds) =>
        seconds is { } s && double.IsFinite(s) && Math.Abs(s) <= 86_400 && Equivalent(key, Format(TimeSpan.FromSeconds(s)), configuration[key]) ? null : seconds;

    /// <summary>Where a configuration key the Settings checks name (e.g. Ingest:ScrapeTargets:app:Url) stands in the document.</summary>
    public static string PathOf(string key, SourcesSection sources)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(sources);
        var parts = key.Split(':');
        var field = parts[^1].ToUpperInvariant() switch
        {
            "URL" => "url",
            "TIMEOUT" => "timeoutSeconds",
            "MAXRETRIES" => "maxRetries",
            "BASICAUTHUSER" => "basicAuthUser",
            _ => null,
        };
        if (parts[0].Equals("Prometheus", StringComparison.OrdinalIgnoreCase))
        {
            return field is null ? "sources.prometheus" : $"sources.prometheus.{field}";
        }
        if (parts[0].Equals("Alertmanager", StringComparison.OrdinalIgnoreCase))
        {
            return field is null ? "sources.alertmanager" : $"sources.alertmanager.{field}";
        }
        if (key.StartsWith(ScrapeTargets, StringComparison.OrdinalIgnoreCase))
        {
            var index = parts.Length > 2 ? IndexOf(sources.ScrapeTargets?.Select(t => t.Name), parts[2]) : -1;
            return index < 0 ? "sources.scrapeTargets" : field == "url" ? $"sources.scrapeTargets[{index}].url" : $"sources.scrapeTargets[{index}]";
        }
        if (key.StartsWith(Postgres, StringComparison.OrdinalIgnoreCase))
        {
            var index = parts.Length > 2 ? IndexOf(sources.Postgres?.Select(t => t.Name), parts[2]) : -1;
            return index < 0 ? "sources.postgres" : $"sources.postgres[{index}].connectionString";
        }
        return "sources";
    }

    /// <summary>
    /// The secrets of a source that go when its URL's origin changes: stored (or file) secrets only; one the
    /// environment pins is the environment's to change.
    /// </summary>
    private List<string> Dropped(string urlKey, string? newUrl, string[] secretKeys, string path, ConfigPositions at, List<ConfigProblem> warnings)
    {
        var oldUrl = configuration[urlKey] ?? "";
        if (newUrl is null || SecretOrigin.MayReuse(oldUrl, newUrl))
        {
            return [];
        }
        var dropped = secretKeys.Where(k => !string.IsNullOrEmpty(configuration[k]) && layers.PinnedBy(k) is null).ToList();
        if (dropped.Count > 0)
        {
            warnings.Add(at.At(path,
                $"the origin changes from {SecretOrigin.Describe(oldUrl) ?? "none"} to {SecretOrigin.Describe(newUrl) ?? "none"}, so {string.Join(" and ", dropped)} is not kept " +
                "(a secret goes only to the origin it was set for); set it again on the Settings page."));
        }
        return dropped;
    }

    private bool PasswordDropped(PostgresTargetEntry target, string path, ConfigPositions at, List<ConfigProblem> warnings)
    {
        var key = PostgresTarget(target.Name);
        var current = TryParse(configuration[key]);
        if (current is null || string.IsNullOrEmpty(current.Password) || layers.PinnedBy(key) is not null || TryParse(target.ConnectionString) is not { } next)
        {
            return false;
        }
        var (from, to) = (SecretOrigin.OfDatabase(current.Host, current.Port, current.Database), SecretOrigin.OfDatabase(next.Host, next.Port, next.Database));
        if (SecretOrigin.MayReuse(from, to))
        {
            return false;
        }
        warnings.Add(at.At(path,
            $"the server changes from {from} to {to}, so the stored password of '{target.Name}' is not kept " +
            "(a secret goes only to the server it was set for); set it again on the Settings page."));
        return true;
    }

    private static int IndexOf(IEnumerable<string>? names, string name) =>
        names?.Select((n, i) => (n, i)).FirstOrDefault(x => x.n.Equals(name, StringComparison.OrdinalIgnoreCase), (n: "", i: -1)).i ?? -1;
}
