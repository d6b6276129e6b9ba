using System.Globalization;
using Dashboard.Components.Live;
using Dashboard.Components.Shared;
using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Sources.Postgres;

namespace Dashboard.Services.Signals;

/// <summary>
/// Turns what the pipeline holds (source status, PostgreSQL snapshots, the live feed, dependency
/// checks) into signal facts with their provenance in words. Pure: every input is passed in, so each
/// rule is testable without the stack. Unknown is never read as yes or no.
/// </summary>
public static class SignalEvidence
{
    /// <summary>A success older than this no longer proves the source answers (the ingest job stopped).</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);

    /// <summary>Appended to a database fact read from a snapshot whose collection is failing.</summary>
    public const string StaleSuffix = " (last known values: collection is stale)";

    /// <summary>
    /// Monitoring answers when Prometheus (or, without it, a direct scrape target) succeeded recently;
    /// a failing source is a measured "no"; a source that never reported, or stopped being read, is unknown.
    /// </summary>
    public static SignalFact<bool> Monitoring(IReadOnlyList<SourceStatusRow> rows, bool prometheusConfigured, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var prometheus = rows.FirstOrDefault(r => r.Source == "prometheus");
        var monitors = prometheus is not null ? [prometheus] : rows.Where(r => r.Source.StartsWith("scrape:", StringComparison.Ordinal)).ToList();
        if (monitors.Count == 0)
        {
            return SignalFact.Unknown<bool>(prometheusConfigured
                ? "Prometheus has not been read yet"
                : "no Prometheus configured (Prometheus:Url) and no scrape target has reported");
        }
        var live = monitors.Where(m => !m.IsStale && m.LastSuccessAt is { } last && now - last <= FreshFor).ToList();
        if (live.Count > 0)
        {
            var last = live.Max(m => m.LastSuccessAt!.Value);
            return new(true, $"{Names(live)} answered at {Clock(last)}", last);
        }
        if (monitors.Where(m => m.IsStale).MinBy(m => m.StaleSince) is { } stale)
        {
            return new(false, $"{Names([stale])} stale since {Clock(stale.StaleSince!.Value)} · {stale.LastError ?? "no error text"}", stale.LastAttemptAt);
        }
        var latest = monitors.Max(m => m.LastSuccessAt);
        return SignalFact.Unknown<bool>($"{Names(monitors)} last answered {Humanize.Moment(latest, now)}; ingestion is not running");
    }

    /// <summary>One database's replica and partitioning from its latest snapshot; stale collection is said.</summary>
    public static DatabaseFacts Database(string target, PostgresStatsSnapshot? snapshot, SourceStatusRow? status)
    {
        var suffix = status is { IsStale: true } && snapshot is not null ? StaleSuffix : "";
        if (snapshot is null)
        {
            var why = status is { IsStale: true }
                ? $"collecting {target} fails: {status.LastError ?? "no error text"}"
                : $"no statistics snapshot of {target} yet";
            return new DatabaseFacts(target, SignalFact.Unknown<bool>(why), SignalFact.Unknown<bool>(why));
        }
        return new DatabaseFacts(target, WithSuffix(Replica(target, snapshot), suffix), WithSuffix(Partitioning(target, snapshot), suffix));
    }

    /// <summary>
    /// A read replica serves the database when it is itself a standby or a standby streams from it. A
    /// primary without a streaming standby is a measured "no"; a failed panel says why it is unknown.
    /// </summary>
    public static SignalFact<bool> Replica(string target, PostgresStatsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Replication.Data is not { } replication)
        {
            return SignalFact.Unknown<bool>($"{target}: {snapshot.Replication.Problem?.Message ?? "replication not read"}");
        }
        if (replication.IsStandby)
        {
            return new(true, $"{target} is a standby, lag {Lag(replication.Self?.LagSeconds)} (pg_is_in_recovery())", snapshot.TakenAt);
        }
        var streaming = replication.Standbys.Where(IsStreaming).ToList();
        if (streaming.Count > 0)
        {
            return new(true, string.Join("; ", streaming.Select(s => $"streaming standby {s.Name} of {target}, lag {Lag(s.LagSeconds)}")) + " (pg_stat_replication)", snapshot.TakenAt);
        }
        var others = replication.Standbys.Count == 0 ? ""
            : $" ({string.Join(", ", replication.Standbys.Select(s => $"{s.Name} is {s.State ?? "in a hidden state"}"))})";
        return new(false, $"no streaming standby of {target}{others} (pg_stat_replication)", snapshot.TakenAt);
    }

    /// <summary>Partitioned tables (pg_class relkind 'p') in the database; not collected is unknown.</summary>
    public static SignalFact<bool> Partitioning(string target, PostgresStatsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Sizes.Data is not { } sizes)
        {
            return SignalFact.Unknown<bool>($"{target}: {snapshot.Sizes.Problem?.Message ?? "table sizes not read"}");
        }
        return sizes.PartitionedTables switch
        {
            null => SignalFact.Unknown<bool>($"{target}: partitioned tables are not collected by this version of the job"),
            0 => new(false, $"no partitioned table in {target} (pg_class relkind 'p')", snapshot.TakenAt),
            var n => new(true, $"{n} partitioned table{(n == 1 ? "" : "s")} in {target} (pg_class relkind 'p')", snapshot.TakenAt),
        };
    }

    /// <summary>An application cache is in place when Redis is configured and answers; not configured is a measured "no".</summary>
    public static SignalFact<bool> Cache(bool configured, string? redisStatus, string? redisDescription, DateTimeOffset? checkedAt)
    {
        if (!configured)
        {
            return new(false, "no Redis configured: caching is in-process only", checkedAt);
        }
        return redisStatus switch
        {
            null => SignalFact.Unknown<bool>("Redis is configured but its check has not run yet"),
            "Healthy" => new(true, $"Redis answers ({redisDescription}) at {Clock(checkedAt!.Value)}", checkedAt),
            _ => SignalFact.Unknown<bool>($"Redis is configured but did not answer: {redisDescription}"),
        };
    }

    /// <summary>Background jobs run when the product's queue reports a fresh processing latency.</summary>
    public static SignalFact<bool> BackgroundJobs(GaugeBatch? latest)
    {
        if (latest is null)
        {
            return SignalFact.Unknown<bool>("no ingest pass has stored a reading yet");
        }
        var age = latest.Gauges.FirstOrDefault(g => g.MetricId == MetricIds.QueueLatency);
        var depth = latest.Gauges.FirstOrDefault(g => g.MetricId == MetricIds.QueueDepth && Fresh(g));
        if (age is null || age.Status == HealthStatus.NoData || age.Value is null)
        {
            return SignalFact.Unknown<bool>("no queue metrics (processing latency) are read");
        }
        if (!Fresh(age))
        {
            return SignalFact.Unknown<bool>($"queue metrics stale since {Clock(age.Since ?? age.SampledAt ?? latest.PublishedAt)} · {age.StaleReason}");
        }
        var waiting = depth?.Value is { } d ? $"{Humanize.Value(d, depth.Unit)} jobs waiting, " : "";
        return new(true, $"background queue: {waiting}oldest job {Humanize.Value(age.Value.Value, age.Unit)} at {Clock(age.SampledAt ?? latest.PublishedAt)}", age.SampledAt);
    }

    private static SignalFact<bool> WithSuffix(SignalFact<bool> fact, string suffix) =>
        fact.IsKnown && suffix.Length > 0 ? fact with { Provenance = fact.Provenance + suffix } : fact;

    private static bool IsStreaming(StandbyLag standby) => string.Equals(standby.State, "streaming", StringComparison.OrdinalIgnoreCase);

    private static string Names(IEnumerable<SourceStatusRow> rows) =>
        string.Join(", ", rows.Select(r => r.Source == "prometheus" ? "Prometheus" : r.Source));

    private static bool Fresh(GaugeSnapshot gauge) => Freshness.IsFresh(gauge.Status, gauge.Value is not null);

    private static string Lag(double? seconds) => seconds switch
    {
        { } s when !double.IsFinite(s) => "n/a",
        < 0.05 => "under 0.1 s",
        { } s => $"{s.ToString("#,0.0", CultureInfo.InvariantCulture)} s",
        null => "n/a",
    };

    private static string Clock(DateTimeOffset at) => GaugeFormat.Clock(at);
}
