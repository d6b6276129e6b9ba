namespace Dashboard.Jobs.Settings;

/// <summary>Top-level behaviour of this process (section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>web, worker or both (default both).</summary>
    public HostRole Role { get; set; } = HostRole.Both;

    /// <summary>Seed demo users, tokens and data. Never on in production.</summary>
    public bool DemoMode { get; set; }

    /// <summary>Label shown in the app bar (e.g. "staging"); defaults to the hosting environment.</summary>
    public string EnvironmentLabel { get; set; } = "";

    /// <summary>Apply EF Core migrations at start-up (the `migrate` verb does it explicitly).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Where demo mode writes demo-credentials.json. Defaults to the stack's state folder.</summary>
    public string? DemoCredentialsPath { get; set; }

    /// <summary>
    /// A configuration document (YAML, docs/decisions/024-configuration-as-code.md) applied once at start-up, after
    /// the migrations; empty = none. An invalid one stops the start.
    /// </summary>
    public string ConfigFile { get; set; } = "";

    /// <summary>
    /// How long a job fetched by a worker that stopped answering stays invisible before another worker
    /// runs it. The timeout slides (a live worker keeps renewing it), so it bounds only the wait after a
    /// worker dies, never a long job.
    /// </summary>
    public TimeSpan JobInvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public bool RunsWeb => Role is HostRole.Both or HostRole.Web;
    public bool RunsWorker => Role is HostRole.Both or HostRole.Worker;
}
