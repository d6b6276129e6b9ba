namespace Dashboard.Jobs.Settings;

/// <summary>The dashboard's own telemetry (section "Observability").</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>
    /// Bearer token Prometheus and probes present for /metrics and /health/ready. Empty: only
    /// signed-in owners and engineers can read them.
    /// </summary>
    public string MetricsScrapeToken { get; set; } = "";
}
