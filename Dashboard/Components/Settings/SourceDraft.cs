using Dashboard.Services.Sources;

namespace Dashboard.Components.Settings;

/// <summary>The sources form's mutable state; converted to the validated input on every check and save.</summary>
internal sealed class SourceDraft
{
    public string? PrometheusUrl { get; set; }
    public double? PrometheusTimeout { get; set; }
    public int? PrometheusRetries { get; set; }
    public string? PrometheusUser { get; set; }
    public Secret PrometheusPassword { get; } = new();
    public Secret PrometheusToken { get; } = new();
    public string? AlertmanagerUrl { get; set; }
    public double? AlertmanagerTimeout { get; set; }
    public Secret AlertmanagerToken { get; } = new();
    public List<Target> Scrape { get; } = [];
    public List<Target> Postgres { get; } = [];

    public static SourceDraft From(SourceSettingsView view)
    {
        var draft = new SourceDraft
        {
            PrometheusUrl = view.Prometheus.Url,
            PrometheusTimeout = view.Prometheus.TimeoutSeconds,
            PrometheusRetries = view.Prometheus.MaxRetries,
            PrometheusUser = view.Prometheus.BasicAuthUser,
            AlertmanagerUrl = view.Alertmanager.Url,
            AlertmanagerTimeout = view.Alertmanager.TimeoutSeconds,
        };
        draft.Scrape.AddRange(view.ScrapeTargets.Select(t => new Target { Name = t.Name, Url = t.Url, TokenState = t.BearerToken, Origin = t.Origin }));
        draft.Postgres.AddRange(view.Postgres.Select(t => new Target { Name = t.Name, Url = t.ConnectionString, TokenState = t.Password, Origin = t.Origin }));
        return draft;
    }

    public PrometheusSourceInput PrometheusInput() => new()
    {
        Url = PrometheusUrl ?? "",
        TimeoutSeconds = PrometheusTimeout,
        MaxRetries = PrometheusRetries,
        BasicAuthUser = PrometheusUser ?? "",
        BasicAuthPassword = PrometheusPassword.ToInput(),
        BearerToken = PrometheusToken.ToInput(),
    };

    public AlertmanagerSourceInput AlertmanagerInput() => new()
    {
        Url = AlertmanagerUrl ?? "",
        TimeoutSeconds = AlertmanagerTimeout,
        BearerToken = AlertmanagerToken.ToInput(),
    };

    public SourceSettingsInput ToInput() => new()
    {
        Prometheus = PrometheusInput(),
        Alertmanager = AlertmanagerInput(),
        ScrapeTargets = [.. Scrape.Select(t => t.Input())],
        Postgres = [.. Postgres.Select(t => t.PostgresInput())],
    };

    /// <summary>A secret being edited: blank keeps, a value replaces, clear removes.</summary>
    public sealed class Secret
    {
        public string? Value { get; set; }
        public bool Clear { get; set; }

        public SecretInput? ToInput() => Clear ? new SecretInput(Clear: true) : string.IsNullOrEmpty(Value) ? null : new SecretInput(Value);
    }

    /// <summary>A scrape target (Url = its URL, Token = bearer token) or a PostgreSQL target (Url = connection string, Token = password).</summary>
    public sealed class Target
    {
        /// <summary>Stable identity for test results while the name is being typed.</summary>
        public string Key { get; } = Guid.NewGuid().ToString("N");
        public string Name { get; set; } = "";
        public string? Url { get; set; }
        public Secret Token { get; } = new();
        public string TokenState { get; init; } = SecretState.NotSet;
        public string Origin { get; init; } = SettingOrigin.Settings;
        public bool IsNew { get; init; }

        public static Target New() => new() { IsNew = true };

        public ScrapeTargetInput Input() => new() { Name = Name.Trim(), Url = Url ?? "", BearerToken = Token.ToInput() };

        public PostgresTargetInput PostgresInput() => new() { Name = Name.Trim(), ConnectionString = Url ?? "", Password = Token.ToInput() };
    }
}
