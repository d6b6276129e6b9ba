using System.Globalization;
using System.Security.Claims;
using Dashboard.Domain.Security;
using Dashboard.Hosting;
using Dashboard.Jobs.Security;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Dashboard.Services.Sources.SourceSettingKeys;

namespace Dashboard.Services.Sources;

/// <summary>A checked change of the sources: the Settings layer it leads to, errors by configuration key, the keys it changes.</summary>
internal sealed record SourceSettingsPlan(Dictionary<string, string> Stored, Dictionary<string, string[]> Errors, List<string> Changed);

/// <summary>
/// The sources (Prometheus, Alertmanager, scrape targets, monitored PostgreSQL databases) as the
/// Settings page edits them. A save is checked as a whole by the start-up validators, stored on
/// the primary (secrets encrypted with Data Protection), audited by key (never by value), and
/// applied at once: the Settings configuration layer reloads and IOptionsMonitor consumers see it.
/// Only what differs from the configuration files is stored, so putting a value back to the
/// file's value removes it from the database.
/// </summary>
internal sealed class SourceSettingsService(
    IConfiguration configuration,
    SourceSettingsConfigurationSource layer,
    SourceSettingsLayers layers,
    SourceSettingsValidator validator,
    SourceSettingsLoader loader,
    IOptionsMonitor<PrometheusOptions> prometheus,
    IOptionsMonitor<AlertmanagerOptions> alertmanager,
    IOptionsMonitor<IngestOptions> ingest,
    IDbContextFactory<DashboardDbContext> writes,
    TimeProvider time)
{
    public const string AuditAction = "sources.update";

    public static bool MayEdit(ClaimsPrincipal user) => user.IsInRole(Roles.Owner) || user.IsInRole(Roles.Engineer);

    /// <summary>The sources in effect now, secrets as "set"/"not set".</summary>
    public async Task<SourceSettingsView> GetAsync(CancellationToken cancellationToken)
    {
        var p = prometheus.CurrentValue;
        var a = alertmanager.CurrentValue;
        var i = ingest.CurrentValue;
        var stored = layer.Provider.Current;
        var keys = Fixed
            .Concat(i.ScrapeTargets.Keys.SelectMany(n => new[] { ScrapeUrl(n), ScrapeToken(n) }))
            .Concat(i.Postgres.Keys.Select(PostgresTarget));
        var origins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pinned = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            if (layers.PinnedBy(key) is { } by)
            {
                pinned[key] = by;
                origins[key] = SettingOrigin.Pinned;
            }
            else
            {
                origins[key] = stored.ContainsKey(key) ? SettingOrigin.Settings
                    : layers.Below(key) is not null ? SettingOrigin.Configuration : SettingOrigin.Default;
            }
        }
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var last = await db.AuditLog.AsNoTracking().Where(e => e.Action == AuditAction).OrderByDescending(e => e.At).FirstOrDefaultAsync(cancellationToken);
        return new SourceSettingsView
        {
            // URLs as shown: credentials written into one (user:pass@, ?token=) never leave the server.
            Prometheus = new PrometheusSourceView(UrlRedaction.Redact(p.Url), p.Timeout.TotalSeconds, p.MaxRetries, p.BasicAuthUser,
                SecretState.Of(p.BasicAuthPassword), SecretState.Of(p.BearerToken)),
            Alertmanager = new AlertmanagerSourceView(UrlRedaction.Redact(a.Url), a.Timeout.TotalSeconds, SecretState.Of(a.BearerToken)),
            ScrapeTargets = [.. i.ScrapeTargets.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase)
                .Select(t => new ScrapeTargetView(t.Key, UrlRedaction.Redact(t.Value.Url), SecretState.Of(t.Value.BearerToken), TargetOrigin(ScrapeTargets, t.Key)))],
            Postgres = [.. i.Postgres.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase)
                .Select(t => new PostgresTargetView(t.Key, WithoutPassword(t.Value) ?? "(not a valid connection string)",
                    SecretState.Of(TryParse(t.Value)?.Password), TargetOrigin(Postgres, t.Key)))],
            Origins = origins,
            PinnedBy = pinned,
            Problems = loader.Problems,
            UpdatedAt = last?.At,
            UpdatedBy = last?.Actor,
        };
    }

    /// <summary>Checks a change without saving it (the form checks as you type): errors by configuration key.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(SourceSettingsInput input) => Plan(input).Errors;

    /// <summary>Validates, stores, audits and applies a change; owners and engineers only.</summary>
    public async Task<SourceSettingsSaveResult> SaveAsync(ClaimsPrincipal user, SourceSettingsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MayEdit(user))
        {
            return new SourceSettingsSaveResult(null, null, Forbidden: true);
        }
        var plan = Plan(input);
        if (plan.Errors.Count > 0)
        {
            return new SourceSettingsSaveResult(null, plan.Errors);
        }

        await using (var db = await writes.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await StageAsync(db, plan, user.Identity?.Name ?? "unknown", time.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await loader.RefreshAsync(cancellationToken);
        return new SourceSettingsSaveResult(await GetAsync(cancellationToken), null);
    }

    /// <summary>
    /// Writes a valid plan into <paramref name="db"/> (rows with secrets encrypted, and the audit row naming the
    /// changed keys), unsaved, in the caller's transaction; after the commit, <see cref="ReloadAsync"/> applies it.
    /// </summary>
    internal async Task StageAsync(DashboardDbContext db, SourceSettingsPlan plan, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var protector = loader.Protector;
        var rows = await db.SourceSettings.ToDictionaryAsync(r => r.Key, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var current = layer.Provider.Current;
        foreach (var (key, row) in rows)
        {
            if (!plan.Stored.ContainsKey(key))
            {
                db.SourceSettings.Remove(row);
            }
        }
        foreach (var (key, value) in plan.Stored)
        {
            if (rows.TryGetValue(key, out var row) && current.TryGetValue(key, out var was) && was == value)
            {
                continue; // unchanged: keep the row (and its ciphertext) as it is
            }
            if (row is null)
            {
                row = new SourceSettingRow { Key = key };
                db.SourceSettings.Add(row);
            }
            row.IsSecret = IsSecret(key);
            row.Value = row.IsSecret ? protector.Protect(value) : value;
            row.UpdatedAt = now;
            row.UpdatedBy = actor;
        }
        // The audit names the keys that changed; secrets say only that they did.
        db.AuditLog.Add(new AuditEntryRow
        {
            At = now,
            Actor = actor,
            Action = AuditAction,
            Subject = "sources",
            Details = plan.Changed.Count == 0 ? "no changes" : "changed: " + string.Join(", ", plan.Changed),
        });
    }

    /// <summary>Applies what was stored at once in this process (other processes poll).</summary>
    internal Task ReloadAsync(CancellationToken cancellationToken) => loader.RefreshAsync(cancellationToken);

    /// <summary>Prometheus as the form describes it, blank secrets filled from the current settings (for a test).</summary>
    public PrometheusOptions Resolve(PrometheusSourceInput input)
    {
        var d = Current();
        ApplyPrometheus(input, d, []);
        var defaults = new PrometheusOptions();
        return new PrometheusOptions
        {
            Url = d[PrometheusUrl] ?? "",
            Timeout = Duration(d[PrometheusTimeout]) ?? defaults.Timeout,
            MaxRetries = int.TryParse(d[PrometheusMaxRetries], CultureInfo.InvariantCulture, out var retries) ? retries : defaults.MaxRetries,
            BasicAuthUser = d[PrometheusBasicAuthUser] ?? "",
            BasicAuthPassword = d[PrometheusBasicAuthPassword] ?? "",
            BearerToken = d[PrometheusBearerToken] ?? "",
        };
    }

    /// <summary>Alertmanager as the form describes it, a blank token filled from the current settings.</summary>
    public AlertmanagerOptions Resolve(AlertmanagerSourceInput input)
    {
        var d = Current();
        ApplyAlertmanager(input, d, []);
        return new AlertmanagerOptions
        {
            Url = d[AlertmanagerUrl] ?? "",
            Timeout = Duration(d[AlertmanagerTimeout]) ?? new AlertmanagerOptions().Timeout,
            BearerToken = d[AlertmanagerBearerToken] ?? "",
        };
    }

    /// <summary>
    /// A scrape target as the form describes it, a blank token filled from the target of that name only while the
    /// URL keeps the origin the token was saved for; <paramref name="errors"/> gets what is wrong with the input.
    /// </summary>
    public ScrapeTargetOptions Resolve(ScrapeTargetInput input, Dictionary<string, List<string>> errors)
    {
        var savedFor = configuration[ScrapeUrl(input.Name)];
        var url = input.Url?.Trim() ?? savedFor ?? "";
        CheckUrl(errors, ScrapeUrl(input.Name), url, "the bearer token field");
        return new ScrapeTargetOptions
        {
            Url = url,
            BearerToken = BoundSecret(errors, ScrapeToken(input.Name), configuration[ScrapeToken(input.Name)], input.BearerToken, savedFor, url) ?? "",
        };
    }

    /// <summary>
    /// A PostgreSQL connection string as the form describes it, a blank password filled from the target of that name
    /// only while host, port and database stay the same; <paramref name="errors"/> gets what is wrong with the input.
    /// </summary>
    public string Resolve(PostgresTargetInput input, Dictionary<string, List<string>> errors) =>
        ComposeConnectionString(errors, PostgresTarget(input.Name), configuration[PostgresTarget(input.Name)], input.ConnectionString, input.Password) ?? "";

    private Dictionary<string, string?> Current()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in Fixed)
        {
            values[key] = configuration[key];
        }
        foreach (var name in Names(ScrapeTargets))
        {
            values[ScrapeUrl(name)] = configuration[ScrapeUrl(name)];
            values[ScrapeToken(name)] = configuration[ScrapeToken(name)];
        }
        foreach (var name in Names(Postgres))
        {
            values[PostgresTarget(name)] = configuration[PostgresTarget(name)];
        }
        return values;
    }

    private IEnumerable<string> Names(string section) => configuration.GetSection(section).GetChildren().Select(c => c.Key);

    /// <summary>
    /// A change checked as a whole, not stored: what the Settings layer would hold, errors by configuration key, and
    /// the keys that would change (secrets marked, never shown).
    /// </summary>
    internal SourceSettingsPlan Plan(SourceSettingsInput input)
    {
        var current = Current();
        var desired = new Dictionary<string, string?>(current, StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        if (input.Prometheus is { } p)
        {
            ApplyPrometheus(p, desired, errors);
        }
        if (input.Alertmanager is { } a)
        {
            ApplyAlertmanager(a, desired, errors);
        }
        if (input.ScrapeTargets is { } scrape)
        {
            ApplyTargets(ScrapeTargets, scrape.Select(t => t.Name).ToList(), desired, errors, name => [ScrapeUrl(name), ScrapeToken(name)]);
            foreach (var t in scrape.Where(t => IsValidName(t.Name)))
            {
                var url = t.Url?.Trim() ?? "";
                CheckUrl(errors, ScrapeUrl(t.Name), url, "the bearer token field");
                desired[ScrapeUrl(t.Name)] = url;
                desired[ScrapeToken(t.Name)] = BoundSecret(errors, ScrapeToken(t.Name), current.GetValueOrDefault(ScrapeToken(t.Name)), t.BearerToken,
                    current.GetValueOrDefault(ScrapeUrl(t.Name)), url);
            }
        }
        if (input.Postgres is { } postgres)
        {
            ApplyTargets(Postgres, postgres.Select(t => t.Name).ToList(), desired, errors, name => [PostgresTarget(name)]);
            foreach (var t in postgres.Where(t => IsValidName(t.Name)))
            {
                desired[PostgresTarget(t.Name)] = ComposeConnectionString(errors, PostgresTarget(t.Name), current.GetValueOrDefault(PostgresTarget(t.Name)), t.ConnectionString, t.Password) ?? "";
            }
        }

        var changed = new List<string>();
        var stored = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var layerNow = layer.Provider.Current;
        foreach (var (key, value) in desired.OrderBy(d => d.Key, StringComparer.OrdinalIgnoreCase))
        {
            var isChange = !Equivalent(key, value, current.GetValueOrDefault(key)) || (value is null) != (current.GetValueOrDefault(key) is null);
            if (isChange)
            {
                changed.Add(IsSecret(key) ? $"{key} (secret)" : key);
            }
            if (layers.PinnedBy(key) is { } by)
            {
                if (isChange)
                {
                    Add(errors, key, $"{key} is set by {by}, which overrides Settings; change it there.");
                }
                // Whatever Settings held for it stays as it was: the environment decides while it is set.
                if (layerNow.TryGetValue(key, out var kept) && kept is not null)
                {
                    stored[key] = kept;
                }
                continue;
            }
            if (value is not null && !Equivalent(key, value, layers.Below(key)))
            {
                stored[key] = value;
            }
        }
        if (errors.Count == 0)
        {
            foreach (var (key, messages) in validator.Validate(stored))
            {
                foreach (var message in messages)
                {
                    Add(errors, key, message);
                }
            }
        }
        return new SourceSettingsPlan(stored, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.OrdinalIgnoreCase), changed);
    }

    private static void ApplyPrometheus(PrometheusSourceInput p, Dictionary<string, string?> desired, Dictionary<string, List<string>> errors)
    {
        var savedFor = desired.GetValueOrDefault(PrometheusUrl);
        SetText(desired, PrometheusUrl, p.Url);
        if (p.Url is not null)
        {
            CheckUrl(errors, PrometheusUrl, desired[PrometheusUrl]!, "Prometheus:BasicAuthUser/BasicAuthPassword or Prometheus:BearerToken");
        }
        var sendTo = desired.GetValueOrDefault(PrometheusUrl);
        SetTimeout(desired, errors, PrometheusTimeout, p.TimeoutSeconds);
        if (p.MaxRetries is { } retries)
        {
            desired[PrometheusMaxRetries] = retries.ToString(CultureInfo.InvariantCulture);
        }
        SetText(desired, PrometheusBasicAuthUser, p.BasicAuthUser);
        if (p.BasicAuthUser is not null && InputLimits.CheckText(PrometheusBasicAuthUser, p.BasicAuthUser, BasicAuthUserLength) is { } bad)
        {
            Add(errors, PrometheusBasicAuthUser, bad);
        }
        desired[PrometheusBasicAuthPassword] = BoundSecret(errors, PrometheusBasicAuthPassword, desired.GetValueOrDefault(PrometheusBasicAuthPassword), p.BasicAuthPassword, savedFor, sendTo);
        desired[PrometheusBearerToken] = BoundSecret(errors, PrometheusBearerToken, desired.GetValueOrDefault(PrometheusBearerToken), p.BearerToken, savedFor, sendTo);
    }

    private static void ApplyAlertmanager(AlertmanagerSourceInput a, Dictionary<string, string?> desired, Dictionary<string, List<string>> errors)
    {
        var savedFor = desired.GetValueOrDefault(AlertmanagerUrl);
        SetText(desired, AlertmanagerUrl, a.Url);
        if (a.Url is not null)
        {
            CheckUrl(errors, AlertmanagerUrl, desired[AlertmanagerUrl]!, "Alertmanager:BearerToken");
        }
        SetTimeout(desired, errors, AlertmanagerTimeout, a.TimeoutSeconds);
        desired[AlertmanagerBearerToken] = BoundSecret(errors, AlertmanagerBearerToken, desired.GetValueOrDefault(AlertmanagerBearerToken), a.BearerToken,
            savedFor, desired.GetValueOrDefault(AlertmanagerUrl));
    }

    /// <summary>Names checked; targets left out of the list are removed, unless the configuration files define them.</summary>
    private void ApplyTargets(string section, List<string> names, Dictionary<string, string?> desired, Dictionary<string, List<string>> errors, Func<string, string[]> keysOf)
    {
        foreach (var name in names)
        {
            if (!IsValidName(name))
            {
                Add(errors, section, $"{section}: target name '{name}' must be {NameRule}.");
            }
        }
        foreach (var duplicate in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            Add(errors, section, $"{section}: target name '{duplicate.Key}' is used twice.");
        }
        var fixedBelow = layers.NamesBelow(section);
        var fixedAbove = layers.NamesAbove(section);
        foreach (var name in Names(section).Where(n => !names.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            if (fixedAbove.Contains(name) || fixedBelow.Contains(name))
            {
                Add(errors, $"{section}:{name}",
                    $"{section}:{name} is defined in {(fixedAbove.Contains(name) ? "the environment" : "the configuration files")}; Settings can change it but not remove it. Remove it there.");
                continue;
            }
            foreach (var key in keysOf(name))
            {
                desired[key] = null;
            }
        }
    }

    private string TargetOrigin(string section, string name) =>
        layers.NamesAbove(section).Contains(name) ? SettingOrigin.Pinned
        : layers.NamesBelow(section).Contains(name) ? SettingOrigin.Configuration
        : SettingOrigin.Settings;

    private static void SetText(Dictionary<string, string?> desired, string key, string? value)
    {
        if (value is not null)
        {
            desired[key] = value.Trim();
        }
    }

    private static void SetTimeout(Dictionary<string, string?> desired, Dictionary<string, List<string>> errors, string key, double? seconds)
    {
        if (seconds is not { } s)
        {
            return;
        }
        if (!double.IsFinite(s) || Math.Abs(s) > 86_400)
        {
            Add(errors, key, $"{key} must be a number of seconds between 0 and 300 (got {s.ToString(CultureInfo.InvariantCulture)}).");
            return;
        }
        desired[key] = Format(TimeSpan.FromSeconds(s));
    }

    /// <summary>The longest basic-auth user name (the Authorization header carries it).</summary>
    public const int BasicAuthUserLength = 256;

    /// <summary>
    /// Keep (absent or blank), replace (a value) or remove (clear) a secret. A kept secret stays bound to the origin
    /// it was saved for (<paramref name="savedFor"/>): when the address moves to another scheme, host or port, a blank
    /// field is an error ("re-enter it") and the old secret is dropped, never sent to the new address.
    /// </summary>
    private static string? BoundSecret(Dictionary<string, List<string>> errors, string key, string? current, SecretInput? input, string? savedFor, string? sendTo)
    {
        switch (input)
        {
            case { Clear: true }:
                return "";
            case { Value: { Length: > 0 } value }:
                if (InputLimits.CheckText(key, value, InputLimits.SecretLength) is { } bad)
                {
                    Add(errors, key, bad); // the value itself is never echoed
                }
                return value;
        }
        if (string.IsNullOrEmpty(current) || SecretOrigin.MayReuse(savedFor, sendTo))
        {
            return current;
        }
        Add(errors, key, SecretMoved(key, SecretOrigin.Describe(savedFor), SecretOrigin.Describe(sendTo)));
        return "";
    }

    private static string SecretMoved(string key, string? savedFor, string? sendTo) =>
        $"{key}: the stored secret was saved for {savedFor ?? "another address"}; re-enter it for the new address {sendTo ?? ""}".TrimEnd() +
        " (or clear it). A stored secret is never sent to another address.";

    /// <summary>A source URL: bounded, no control characters, no credentials written into it.</summary>
    private static void CheckUrl(Dictionary<string, List<string>> errors, string key, string url, string credentialFields)
    {
        if (InputLimits.CheckText(key, url, InputLimits.UrlLength) is { } bad)
        {
            Add(errors, key, bad);
        }
        else if (UrlRedaction.HasUserInfo(url))
        {
            Add(errors, key, $"{key} must not contain a user name or password (user:pass@host); use {credentialFields} instead.");
        }
    }

    /// <summary>
    /// The connection string to store: the form's string with the password it names, or else the
    /// password given separately, or else the one the target has now; "clear" removes it.
    /// </summary>
    private static string? ComposeConnectionString(Dictionary<string, List<string>> errors, string key, string? current, string? form, SecretInput? password)
    {
        if (form is null)
        {
            return current;
        }
        if (InputLimits.CheckText(key, form, InputLimits.ConnectionStringLength) is { } bad)
        {
            Add(errors, key, bad);
            return "";
        }
        // New ones only: a keyword the files (or the environment) already give this target stays theirs.
        foreach (var keyword in ForbiddenKeywords(form).Except(ForbiddenKeywords(current ?? ""), StringComparer.OrdinalIgnoreCase))
        {
            Add(errors, key, $"{key}: keyword {keyword} is not allowed (it makes the server read a file or pass options of its own); connect with host, port, database, user and password.");
        }
        if (TryParse(form) is not { } builder)
        {
            return form; // the validator names what does not parse
        }
        if (password is { Value: { Length: > 0 } typed } && InputLimits.CheckText(key + " password", typed, InputLimits.SecretLength) is { } badPassword)
        {
            Add(errors, key, badPassword);
        }
        var now = TryParse(current);
        var sameOrigin = now is not null && SecretOrigin.MayReuse(
            SecretOrigin.OfDatabase(now.Host, now.Port, now.Database), SecretOrigin.OfDatabase(builder.Host, builder.Port, builder.Database));
        var keep = password is not ({ Clear: true } or { Value.Length: > 0 }) && string.IsNullOrEmpty(builder.Password);
        if (keep && !string.IsNullOrEmpty(now?.Password) && !sameOrigin)
        {
            Add(errors, key, SecretMoved(key, $"{now.Host}:{now.Port}/{now.Database}", $"{builder.Host}:{builder.Port}/{builder.Database}"));
        }
        builder.Password = password switch
        {
            { Clear: true } => null,
            { Value: { Length: > 0 } value } => value,
            _ => !string.IsNullOrEmpty(builder.Password) ? builder.Password : sameOrigin ? now?.Password : null,
        };
        if (string.IsNullOrEmpty(builder.SslPassword) && password is not { Clear: true } && sameOrigin)
        {
            builder.SslPassword = now?.SslPassword;
        }
        return builder.ConnectionString;
    }

    private static TimeSpan? Duration(string? value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var t) ? t : null;

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }
        list.Add(message);
    }
}
