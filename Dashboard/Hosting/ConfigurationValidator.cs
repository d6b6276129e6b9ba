using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Prometheus;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Hosting;

/// <summary>
/// Checks configuration at start-up and names each bad setting with what is wrong, so an
/// operator fixes everything in one go (all failures are reported together).
/// </summary>
internal sealed class ConfigurationValidator(IOptions<DashboardOptions> dashboard, IHostEnvironment environment)
    : IValidateOptions<StorageOptions>, IValidateOptions<PrometheusOptions>, IValidateOptions<AuthOptions>, IValidateOptions<IngestOptions>,
      IValidateOptions<StorageRetentionOptions>, IValidateOptions<AlertmanagerOptions>, IValidateOptions<ForecastingOptions>,
      IValidateOptions<WhatIfOptions>
{
    public ValidateOptionsResult Validate(string? name, WhatIfOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.BottleneckSeries.Count; i++)
        {
            var text = options.BottleneckSeries[i];
            if (!Dashboard.Domain.Series.SeriesId.TryParse(text, out var id))
            {
                errors.Add($"WhatIf:BottleneckSeries:{i} '{text}' is not a series (expected metric{{name=\"value\",...}}, e.g. cpu{{instance=\"app-1:9100\"}}).");
            }
            else if (id!.Metric is not (Dashboard.Domain.Catalog.MetricIds.Cpu or Dashboard.Domain.Catalog.MetricIds.DbConnections))
            {
                errors.Add($"WhatIf:BottleneckSeries:{i} '{text}' is a {id.Metric} series; a bottleneck is a {Dashboard.Domain.Catalog.MetricIds.Cpu} or {Dashboard.Domain.Catalog.MetricIds.DbConnections} series.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Primary))
        {
            errors.Add("ConnectionStrings:Primary is required (the PostgreSQL primary). Run scripts/stack.sh up, or set ConnectionStrings__Primary.");
        }
        else
        {
            CheckConnectionString("ConnectionStrings:Primary", options.Primary, errors);
        }
        if (!string.IsNullOrWhiteSpace(options.Replica))
        {
            CheckConnectionString("ConnectionStrings:Replica", options.Replica, errors);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        var errors = new List<string>();
        CheckHttpSource(PrometheusOptions.Section, options.Url, options.Timeout, errors);
        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"Prometheus:MaxRetries must be between 0 and 10 (got {options.MaxRetries}).");
        }
        if (!string.IsNullOrEmpty(options.BearerToken) && (!string.IsNullOrEmpty(options.BasicAuthUser) || !string.IsNullOrEmpty(options.BasicAuthPassword)))
        {
            errors.Add("Prometheus:BearerToken and Prometheus:BasicAuthUser/BasicAuthPassword are both set; use one way to authenticate.");
        }
        if (string.IsNullOrEmpty(options.BasicAuthUser) && !string.IsNullOrEmpty(options.BasicAuthPassword))
        {
            errors.Add("Prometheus:BasicAuthUser is required when Prometheus:BasicAuthPassword is set.");
        }
        if (options.BasicAuthUser.Contains(':', StringComparison.Ordinal))
        {
            errors.Add("Prometheus:BasicAuthUser must not contain ':' (basic auth separates user and password with it).");
        }
        // Secrets are never echoed: only what is wrong with them.
        if (options.BearerToken.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ||
            options.BasicAuthUser.Any(char.IsControl) || options.BasicAuthPassword.Any(char.IsControl))
        {
            errors.Add("Prometheus:BearerToken, BasicAuthUser and BasicAuthPassword must not contain whitespace (token) or control characters.");
        }
        foreach (var (metricId, promql) in options.Queries)
        {
            if (!DefaultQueries.All.ContainsKey(metricId) && !DefaultQueries.Stored.ContainsKey(metricId))
            {
                errors.Add($"Prometheus:Queries:{metricId} names no catalog metric (known: {string.Join(", ", DefaultQueries.All.Keys.Concat(DefaultQueries.Stored.Keys))}).");
            }
            else if (string.IsNullOrWhiteSpace(promql))
            {
                errors.Add($"Prometheus:Queries:{metricId} is empty; remove it to use the default expression.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, AlertmanagerOptions options)
    {
        var errors = new List<string>();
        CheckHttpSource(AlertmanagerOptions.Section, options.Url, options.Timeout, errors);
        // The token is never echoed: only what is wrong with it.
        if (options.BearerToken.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add("Alertmanager:BearerToken must not contain whitespace or control characters.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.SignInPermitsPerMinute < 1)
        {
            errors.Add($"Auth:SignInPermitsPerMinute must be at least 1 (got {options.SignInPermitsPerMinute}).");
        }
        if (options.SignInFailuresPerAccount < 1 || options.SignInFailureWindowMinutes < 1)
        {
            errors.Add($"Auth:SignInFailuresPerAccount and Auth:SignInFailureWindowMinutes must be at least 1 (got {options.SignInFailuresPerAccount} and {options.SignInFailureWindowMinutes}).");
        }
        foreach (var origin in options.AllowedOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var u) || u.AbsolutePath != "/" || u.Query.Length > 0))
        {
            errors.Add($"Auth:AllowedOrigins entry '{origin}' is not an origin (expected scheme://host[:port], e.g. https://dashboard.example.com).");
        }
        if (!dashboard.Value.DemoMode && !environment.IsDevelopment() &&
            !string.IsNullOrEmpty(options.BootstrapAdminPassword) && AuthOptions.IsWeakPassword(options.BootstrapAdminPassword))
        {
            errors.Add("Auth:BootstrapAdminPassword is a default or weak password (needs 12+ characters and must not be a well-known default). Set a real secret.");
        }
        if (!string.IsNullOrEmpty(options.BootstrapAdminPassword) && string.IsNullOrWhiteSpace(options.BootstrapAdminEmail))
        {
            errors.Add("Auth:BootstrapAdminEmail is required when Auth:BootstrapAdminPassword is set.");
        }
        if (options.LocalPasswords is not (AuthOptions.On or AuthOptions.BreakGlass))
        {
            errors.Add($"Auth:LocalPasswords must be '{AuthOptions.On}' or '{AuthOptions.BreakGlass}' (got '{options.LocalPasswords}').");
        }
        else if (options.LocalPasswords == AuthOptions.BreakGlass)
        {
            if (string.IsNullOrWhiteSpace(options.Oidc.Authority))
            {
                errors.Add("Auth:LocalPasswords=break-glass needs single sign-on (Auth:Oidc:Authority): nobody else could sign in.");
            }
            if (!options.BreakGlassOwnerEmail.Contains('@', StringComparison.Ordinal))
            {
                errors.Add("Auth:LocalPasswords=break-glass needs Auth:BreakGlassOwnerEmail: the owner account that keeps its password for when the provider is down.");
            }
        }
        if (!string.IsNullOrWhiteSpace(options.Oidc.Authority))
        {
            if (!Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out _))
            {
                errors.Add($"Auth:Oidc:Authority must be an absolute URL (got '{options.Oidc.Authority}').");
            }
            if (string.IsNullOrWhiteSpace(options.Oidc.ClientId))
            {
                errors.Add("Auth:Oidc:ClientId is required when Auth:Oidc:Authority is set.");
            }
            errors.AddRange(options.Oidc.Mapping().Problems);
            if (!options.Oidc.RequireHttpsMetadata && environment.IsProduction() && !dashboard.Value.DemoMode)
            {
                errors.Add("Auth:Oidc:RequireHttpsMetadata=false is for a development provider (or the demo); in Production the provider's metadata must come over HTTPS.");
            }
            else if (options.Oidc.RequireHttpsMetadata && options.Oidc.Authority.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Auth:Oidc:Authority is plain HTTP ({options.Oidc.Authority}); use HTTPS, or set Auth:Oidc:RequireHttpsMetadata=false for a development provider.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, StorageRetentionOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, ForecastingOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var errors = new List<string>();
        if (options.InitialBackfill < TimeSpan.Zero || options.InitialBackfill > TimeSpan.FromDays(400))
        {
            errors.Add($"Ingest:InitialBackfill must be between 0 and 400 days (got {options.InitialBackfill}).");
        }
        if (options.MaxBackfill < TimeSpan.Zero || options.MaxBackfill > TimeSpan.FromDays(400))
        {
            errors.Add($"Ingest:MaxBackfill must be between 0 and 400 days (got {options.MaxBackfill}).");
        }
        if (options.BackfillStep < IngestGrid.Step || options.BackfillStep > TimeSpan.FromHours(1) || options.BackfillStep.Ticks % IngestGrid.Step.Ticks != 0)
        {
            // On the ingest grid, so backfilled points share timestamps with live ones instead of landing beside them.
            errors.Add($"Ingest:BackfillStep must be a whole multiple of the 15 s ingest step, at most 1 hour (got {options.BackfillStep}).");
        }
        foreach (var (target, connectionString) in options.Postgres)
        {
            CheckConnectionString($"Ingest:Postgres:{target}", connectionString, errors);
        }
        foreach (var (target, scrape) in options.ScrapeTargets)
        {
            if (!Uri.TryCreate(scrape.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"Ingest:ScrapeTargets:{target}:Url must be an absolute http(s) URL (got '{scrape.Url}').");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>An optional base URL (empty = off) and a per-attempt timeout of an HTTP source.</summary>
    private static void CheckHttpSource(string section, string url, TimeSpan timeout, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(url) &&
            (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"{section}:Url must be an absolute http(s) URL (got '{url}').");
        }
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{section}:Timeout must be between 0 and 5 minutes (got {timeout}).");
        }
    }

    private static void CheckConnectionString(string key, string value, List<string> errors)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            // The parser's message names the bad keyword; the value itself may hold a password.
            errors.Add($"{key} is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }
}
