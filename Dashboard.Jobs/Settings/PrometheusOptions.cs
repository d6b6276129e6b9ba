namespace Dashboard.Jobs.Settings;

/// <summary>The Prometheus server the dashboard reads (section "Prometheus").</summary>
public sealed class PrometheusOptions
{
    public const string Section = "Prometheus";

    /// <summary>Base URL, e.g. http://127.0.0.1:9090. Empty: no Prometheus configured.</summary>
    public string Url { get; set; } = "";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
