namespace Dashboard.Jobs.Settings;

/// <summary>How telemetry is read and backfilled (section "Ingest").</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Gap to backfill from Prometheus on first connection (bounded by its retention).</summary>
    public TimeSpan InitialBackfill { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Longest gap backfilled after ingest was interrupted (Prometheus, primary or worker down, a restart), at the
    /// 15 s ingest step; an older part of a gap is left empty and reported (docs/decisions/028).
    /// </summary>
    public TimeSpan MaxBackfill { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Resolution of the initial history and of a new resource's backfill (a whole multiple of the 15 s ingest step).</summary>
    public TimeSpan BackfillStep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// PostgreSQL databases to collect statistics from: name -> connection string of a role
    /// with pg_monitor. Empty: the dashboard's own primary, as "dashboard".
    /// </summary>
    public Dictionary<string, string> Postgres { get; set; } = new(StringComparer.Ordinal);

    /// <summary>/metrics endpoints scraped directly every 30 s (name -> target); empty: none.</summary>
    public Dictionary<string, ScrapeTargetOptions> ScrapeTargets { get; set; } = new(StringComparer.Ordinal);
}
