namespace Dashboard.Jobs.Settings;

/// <summary>How telemetry is read and backfilled (section "Ingest").</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Gap to backfill from Prometheus on first connection (bounded by its retention).</summary>
    public TimeSpan InitialBackfill { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Longest gap backfilled after an outage (Prometheus keeps 15 days by default).</summary>
    public TimeSpan MaxBackfill { get; set; } = TimeSpan.FromDays(15);

    /// <summary>Resolution of backfilled points.</summary>
    public TimeSpan BackfillStep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// PostgreSQL databases to collect statistics from: name -> connection string of a role
    /// with pg_monitor. Empty: the dashboard's own primary, as "dashboard".
    /// </summary>
    public Dictionary<string, string> Postgres { get; set; } = new(StringComparer.Ordinal);

    /// <summary>/metrics endpoints scraped directly every 30 s (name -> target); empty: none.</summary>
    public Dictionary<string, ScrapeTargetOptions> ScrapeTargets { get; set; } = new(StringComparer.Ordinal);
}
