namespace Dashboard.Jobs.Settings;

/// <summary>A /metrics endpoint read directly, for teams without a Prometheus server (Ingest:ScrapeTargets:&lt;name&gt;).</summary>
public sealed class ScrapeTargetOptions
{
    /// <summary>Absolute http(s) URL of the exposition, e.g. http://app:8080/metrics.</summary>
    public string Url { get; set; } = "";

    /// <summary>Sent as "Authorization: Bearer ..." when set. A secret: environment only.</summary>
    public string BearerToken { get; set; } = "";
}
