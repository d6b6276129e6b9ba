namespace Dashboard.Jobs.Settings;

/// <summary>
/// What the what-if's queueing models (latency, queues) load: the application's bottleneck. Each entry
/// names one series as <c>metric{labels}</c>, a CPU or database-connections series of the hosts that
/// serve the application (e.g. <c>cpu{instance="app-1:9100"}</c>); the busiest fresh one is the
/// bottleneck. Empty: the busiest CPU or connections series of all (any host). Demo mode names the
/// demo host and its database.
/// </summary>
public sealed class WhatIfOptions
{
    public const string Section = "WhatIf";

    /// <summary>The application's bottleneck candidates, as <c>metric{labels}</c>.</summary>
    public List<string> BottleneckSeries { get; set; } = [];
}
