namespace Dashboard.Jobs.Settings;

/// <summary>The Prometheus server the dashboard reads (section "Prometheus").</summary>
public sealed class PrometheusOptions
{
    public const string Section = "Prometheus";

    /// <summary>Base URL, e.g. http://127.0.0.1:9090. Empty: no Prometheus configured.</summary>
    public string Url { get; set; } = "";

    /// <summary>Per-attempt timeout; also sent to Prometheus as the query's evaluation timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a transient failure (connection refused, 5xx, 429, attempt timeout), with exponential backoff; 0 disables them.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Basic-auth user (with <see cref="BasicAuthPassword"/>). Empty: no basic auth.</summary>
    public string BasicAuthUser { get; set; } = "";

    /// <summary>Basic-auth password. A secret: set it from the environment.</summary>
    public string BasicAuthPassword { get; set; } = "";

    /// <summary>Bearer token sent as <c>Authorization: Bearer</c>. A secret: set it from the environment. Exclusive with basic auth.</summary>
    public string BearerToken { get; set; } = "";

    /// <summary>PromQL per catalog metric id, replacing <see cref="Sources.Prometheus.DefaultQueries"/> for that metric.</summary>
    public Dictionary<string, string> Queries { get; set; } = new(StringComparer.Ordinal);
}
