namespace Dashboard.Jobs.Settings;

/// <summary>The optional Alertmanager whose alerts the engineer triages (section "Alertmanager").</summary>
public sealed class AlertmanagerOptions
{
    public const string Section = "Alertmanager";

    /// <summary>Base URL, e.g. http://127.0.0.1:9093. Empty: no Alertmanager, alert triage is off.</summary>
    public string Url { get; set; } = "";

    /// <summary>Per-attempt timeout of one API call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Bearer token sent as <c>Authorization: Bearer</c> (e.g. to a proxy in front of Alertmanager). A secret: set it from the environment.</summary>
    public string BearerToken { get; set; } = "";
}
