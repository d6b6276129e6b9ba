using System.Text.Json.Serialization;

namespace Dashboard.Services.Sources;

/// <summary>The sources a "test connection" can try.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceKind>))]
public enum SourceKind
{
    Prometheus,
    Alertmanager,
    ScrapeTarget,
    Postgres,
}

/// <summary>
/// A secret on its way in. Absent, or a blank <see cref="Value"/>: keep the stored secret.
/// <see cref="Value"/>: replace it. <see cref="Clear"/>: remove it.
/// </summary>
public sealed record SecretInput(string? Value = null, bool Clear = false);

/// <summary>Prometheus as the form or a PUT sends it; the timeout in seconds.</summary>
public sealed record PrometheusSourceInput
{
    public string? Url { get; init; }
    public double? TimeoutSeconds { get; init; }
    public int? MaxRetries { get; init; }
    public string? BasicAuthUser { get; init; }
    public SecretInput? BasicAuthPassword { get; init; }
    public SecretInput? BearerToken { get; init; }
}

/// <summary>Alertmanager as the form or a PUT sends it; the timeout in seconds.</summary>
public sealed record AlertmanagerSourceInput
{
    public string? Url { get; init; }
    public double? TimeoutSeconds { get; init; }
    public SecretInput? BearerToken { get; init; }
}

/// <summary>A /metrics endpoint read directly (Ingest:ScrapeTargets:&lt;name&gt;).</summary>
public sealed record ScrapeTargetInput
{
    public string Name { get; init; } = "";
    public string? Url { get; init; }
    public SecretInput? BearerToken { get; init; }
}

/// <summary>
/// A monitored PostgreSQL database (Ingest:Postgres:&lt;name&gt;). The connection string may leave the
/// password out: <see cref="Password"/> says what happens to it (a password written in the string replaces it).
/// </summary>
public sealed record PostgresTargetInput
{
    public string Name { get; init; } = "";
    public string? ConnectionString { get; init; }
    public SecretInput? Password { get; init; }
}

/// <summary>
/// What PUT /api/v1/settings/sources saves. A section left out (null) is left as it is; a target
/// list replaces the targets (a target missing from it is removed, if Settings added it).
/// </summary>
public sealed record SourceSettingsInput
{
    public PrometheusSourceInput? Prometheus { get; init; }
    public AlertmanagerSourceInput? Alertmanager { get; init; }
    public IReadOnlyList<ScrapeTargetInput>? ScrapeTargets { get; init; }
    public IReadOnlyList<PostgresTargetInput>? Postgres { get; init; }
}

/// <summary>The words a secret is shown as: its value never leaves the server.</summary>
public static class SecretState
{
    public const string Set = "set";
    public const string NotSet = "not set";

    public static string Of(string? value) => string.IsNullOrEmpty(value) ? NotSet : Set;
}

/// <summary>Where an effective value comes from.</summary>
public static class SettingOrigin
{
    /// <summary>Nothing configured: the built-in default.</summary>
    public const string Default = "default";

    /// <summary>appsettings*.json or the stack file.</summary>
    public const string Configuration = "configuration";

    /// <summary>Saved on the Settings page.</summary>
    public const string Settings = "settings";

    /// <summary>An environment variable or command-line argument: read-only here.</summary>
    public const string Pinned = "pinned";
}

public sealed record PrometheusSourceView(string Url, double TimeoutSeconds, int MaxRetries, string BasicAuthUser, string BasicAuthPassword, string BearerToken);

public sealed record AlertmanagerSourceView(string Url, double TimeoutSeconds, string BearerToken);

public sealed record ScrapeTargetView(string Name, string Url, string BearerToken, string Origin);

/// <summary>A PostgreSQL target; <see cref="ConnectionString"/> has its password removed.</summary>
public sealed record PostgresTargetView(string Name, string ConnectionString, string Password, string Origin);

/// <summary>
/// The sources as configured now, secrets as "set"/"not set". <see cref="Origins"/> says where each
/// key's value comes from; <see cref="PinnedBy"/> names the environment variable (or argument) that
/// fixes a key, which the page shows read-only.
/// </summary>
public sealed record SourceSettingsView
{
    public required PrometheusSourceView Prometheus { get; init; }
    public required AlertmanagerSourceView Alertmanager { get; init; }
    public required IReadOnlyList<ScrapeTargetView> ScrapeTargets { get; init; }
    public required IReadOnlyList<PostgresTargetView> Postgres { get; init; }
    public required IReadOnlyDictionary<string, string> Origins { get; init; }
    public required IReadOnlyDictionary<string, string> PinnedBy { get; init; }

    /// <summary>Stored settings that could not be used (e.g. a secret the key ring cannot decrypt); keys only.</summary>
    public required IReadOnlyList<string> Problems { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }
}

/// <summary>POST /api/v1/settings/sources/test: the kind and the form's values (the matching *Input record).</summary>
public sealed record SourceTestRequest(SourceKind Kind, System.Text.Json.JsonElement Values);

/// <summary>How a test went.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceTestOutcome>))]
public enum SourceTestOutcome
{
    /// <summary>Reached and usable.</summary>
    Ok,

    /// <summary>Reached, but something the dashboard uses is missing (e.g. pg_stat_statements).</summary>
    Warning,

    /// <summary>Not reached or refused: <see cref="SourceTestResult.Message"/> says exactly what failed.</summary>
    Failed,
}

/// <summary>
/// The answer of a test: one sentence, and what was found (or what is missing). <see cref="Errors"/> is set when the
/// values were not tested at all because they are invalid (by field, as a 400 problem+json names them).
/// </summary>
public sealed record SourceTestResult(SourceTestOutcome Outcome, string Message, IReadOnlyList<string> Details)
{
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public static SourceTestResult Failed(string message) => new(SourceTestOutcome.Failed, message, []);

    public static SourceTestResult Invalid(IReadOnlyDictionary<string, string[]> errors)
    {
        var messages = errors.SelectMany(e => e.Value).ToList();
        return new(SourceTestOutcome.Failed, messages[0], messages.Skip(1).ToList()) { Errors = errors };
    }
}

/// <summary>The outcome of a save: the settings now, or errors by configuration key, or forbidden.</summary>
public sealed record SourceSettingsSaveResult(SourceSettingsView? Settings, IReadOnlyDictionary<string, string[]>? Errors, bool Forbidden = false);

/// <summary>What the Settings page's sources editor needs: read, check as you type, save, test unsaved values.</summary>
public interface ISourceSettingsEditing
{
    Task<SourceSettingsView> GetAsync(CancellationToken cancellationToken);

    IReadOnlyDictionary<string, string[]> Validate(SourceSettingsInput input);

    Task<SourceSettingsSaveResult> SaveAsync(System.Security.Claims.ClaimsPrincipal user, SourceSettingsInput input, CancellationToken cancellationToken);

    /// <summary><paramref name="values"/> is the *Input record of <paramref name="kind"/>.</summary>
    Task<SourceTestResult> TestAsync(SourceKind kind, object values, CancellationToken cancellationToken);
}
