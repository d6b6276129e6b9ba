using System.Globalization;
using Dashboard.Components.Live;
using Dashboard.Components.Shared;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Jobs.Storage;

namespace Dashboard.Services.Checklist;

/// <summary>
/// Turns what the pipeline holds (source status, PostgreSQL snapshots, the live feed, dependency
/// checks) into checklist signals with evidence in words. Pure: every input is passed in, so each
/// rule is testable without the stack. Unknown is never read as yes or no.
/// </summary>
public static class ChecklistEvidence
{
    /// <summary>A success older than this no longer proves the source answers (the ingest job stopped).</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);

    /// <summary>Monitoring answers when the Prometheus source succeeded recently; a failing source is a measured "no".</summary>
    public static SignalReading Monitoring(SourceStatusRow? prometheus, bool configured, DateTimeOffset now)
    {
        if (prometheus is null)
        {
            return SignalReading.NotMeasured(configured
                ? "Prometheus has not been read yet"
                : "no Prometheus configured (Prometheus:Url)");
        }
        if (prometheus.StaleSince is { } since)
        {
            return new(false, $"Prometheus stale since {Clock(since)} · {prometheus.LastError ?? "no error text"}", prometheus.LastAttemptAt);
        }
        if (prometheus.LastSuccessAt is not { } last || now - last > FreshFor)
        {
            return SignalReading.NotMeasured($"Prometheus last answered {Humanize.Moment(prometheus.LastSuccessAt, now)}; ingestion is not running");
        }
        return new(true, $"Prometheus answered at {Clock(last)}", last);
    }

    /// <summary>
    /// A read replica exists when a monitored primary has a standby or a monitored database is one.
    /// A primary without standbys is a measured "no"; panels that failed say why it is unknown.
    /// </summary>
    public static SignalReading? Replica(IEnumerable<PostgresStatsSnapshot> snapshots)
    {
        var found = new List<string>();
        var missing = new List<string>();
        var problems = new List<string>();
        DateTimeOffset? at = null;
        foreach (var snapshot in snapshots.OrderBy(s => s.Target, StringComparer.Ordinal))
        {
            if (snapshot.Replication.Data is not { } replication)
            {
                problems.Add($"{snapshot.Target}: {snapshot.Replication.Problem?.Message ?? "replication not read"}");
                continue;
            }
            at = at is { } seen && seen > snapshot.TakenAt ? seen : snapshot.TakenAt;
            if (replication.IsStandby)
            {
                found.Add($"{snapshot.Target} is a standby, lag {Lag(replication.Self?.LagSeconds)}");
            }
            else if (replication.Standbys.Count > 0)
            {
                found.AddRange(replication.Standbys.Select(Standby));
            }
            else
            {
                missing.Add(snapshot.Target);
            }
        }
        if (found.Count > 0)
        {
            return new(true, string.Join("; ", found), at);
        }
        if (missing.Count > 0)
        {
            return new(false, $"no streaming standby of {string.Join(", ", missing)}", at);
        }
        return problems.Count > 0 ? SignalReading.NotMeasured(string.Join("; ", problems)) : null;
    }

    /// <summary>The replica from stored lag series (another instance collected it), or null when none is recent.</summary>
    public static SignalReading? ReplicaFromHistory(IEnumerable<SeriesHistory> lagSeries)
    {
        var latest = lagSeries
            .Where(s => s.Points.Count > 0)
            .Select(s => (Standby: Label(s.Entity, "standby"), Point: s.Points[^1]))
            .OrderBy(s => s.Standby, StringComparer.Ordinal)
            .ToList();
        if (latest.Count == 0)
        {
            return null;
        }
        var at = latest.Max(s => s.Point.Time);
        return new(true, string.Join("; ", latest.Select(s => $"standby {s.Standby}, lag {Lag(s.Point.Avg)} (stored {Clock(s.Point.Time)})")), at);
    }

    /// <summary>An application cache is in place when Redis is configured and answers; not configured is a measured "no".</summary>
    public static SignalReading Cache(bool configured, string? redisStatus, string? redisDescription, DateTimeOffset? checkedAt)
    {
        if (!configured)
        {
            return new(false, "no Redis configured: caching is in-process only", checkedAt);
        }
        return redisStatus switch
        {
            null => SignalReading.NotMeasured("the Redis check has not run yet"),
            "Healthy" => new(true, $"Redis answers ({redisDescription}) at {Clock(checkedAt!.Value)}", checkedAt),
            _ => SignalReading.NotMeasured($"Redis is configured but did not answer: {redisDescription}"),
        };
    }

    /// <summary>Background jobs run when the product's queue reports a fresh processing latency.</summary>
    public static SignalReading BackgroundJobs(GaugeBatch? latest)
    {
        if (latest is null)
        {
            return SignalReading.NotMeasured("no ingest pass has stored a reading yet");
        }
        var age = latest.Gauges.FirstOrDefault(g => g.MetricId == MetricIds.QueueLatency);
        var depth = latest.Gauges.FirstOrDefault(g => g.MetricId == MetricIds.QueueDepth && Fresh(g));
        if (age is null || age.Status == HealthStatus.NoData || age.Value is null)
        {
            return SignalReading.NotMeasured("no queue metrics (processing latency) are read");
        }
        if (!Fresh(age))
        {
            return SignalReading.NotMeasured($"queue metrics stale since {Clock(age.Since ?? age.SampledAt ?? latest.PublishedAt)} · {age.StaleReason}");
        }
        var waiting = depth?.Value is { } d ? $"{Humanize.Value(d, depth.Unit)} jobs waiting, " : "";
        return new(true, $"background queue: {waiting}oldest job {Humanize.Value(age.Value.Value, age.Unit)} at {Clock(age.SampledAt ?? latest.PublishedAt)}", age.SampledAt);
    }

    private static bool Fresh(GaugeSnapshot gauge) =>
        gauge.Status is HealthStatus.Ok or HealthStatus.Warning or HealthStatus.Critical && gauge.Value is not null;

    private static string Standby(StandbyLag standby) =>
        string.Equals(standby.State, "streaming", StringComparison.Ordinal)
            ? $"streaming standby {standby.Name}, lag {Lag(standby.LagSeconds)}"
            : $"standby {standby.Name} ({standby.State ?? "state hidden"}), lag {Lag(standby.LagSeconds)}";

    private static string Lag(double? seconds) => seconds switch
    {
        { } s when !double.IsFinite(s) => "n/a",
        < 0.05 => "under 0.1 s",
        { } s => $"{s.ToString("#,0.0", CultureInfo.InvariantCulture)} s",
        null => "n/a",
    };

    private static string Label(string entity, string name)
    {
        var marker = name + "=\"";
        var start = entity.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return entity;
        }
        start += marker.Length;
        var end = entity.IndexOf('"', start);
        return end > start ? entity[start..end] : entity;
    }

    private static string Clock(DateTimeOffset at) => GaugeFormat.Clock(at);
}
