using System.Globalization;
using Dashboard.Domain.Advice;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Jobs.Storage;

namespace Dashboard.Services;

/// <summary>The scaling signals as measured now, with where each came from (or why it is unknown).</summary>
public sealed record MeasuredSignals(ScalingSignals Signals, IReadOnlyList<SignalView> Provenance);

/// <summary>
/// Fills <see cref="ScalingSignals"/> from what the dashboard measures: source health (monitoring),
/// the latest PostgreSQL statistics snapshot or the stored replication-lag series (replica), and
/// the users figure the caller has. Signals nothing here measures stay null and say so: unknown is
/// never read as fine or as missing.
/// </summary>
public sealed class ScalingSignalsService(
    SourceStatusTracker sources,
    PostgresSnapshots snapshots,
    ObservationHistory history,
    TimeProvider time)
{
    /// <summary>Stored replication lag younger than this shows a standby that is streaming now.</summary>
    public static readonly TimeSpan ReplicaEvidenceAge = TimeSpan.FromMinutes(15);

    private const string NotMeasured = "not measured: the dashboard has no source for it";

    public async Task<MeasuredSignals> ReadAsync(long? activeUsers, string usersSource, CancellationToken cancellationToken)
    {
        var provenance = new List<SignalView>();
        var monitoring = await MonitoringAsync(provenance, cancellationToken);
        var replica = await ReplicaAsync(provenance, cancellationToken);
        provenance.Add(activeUsers is { } users
            ? new SignalView(nameof(ScalingSignals.ActiveUsers), true, users.ToString("#,0", CultureInfo.InvariantCulture), usersSource)
            : new SignalView(nameof(ScalingSignals.ActiveUsers), false, "unknown", usersSource));
        foreach (var name in new[]
                 {
                     nameof(ScalingSignals.AppInstances), nameof(ScalingSignals.CachePresent), nameof(ScalingSignals.CiCdInUse),
                     nameof(ScalingSignals.KubernetesInUse), nameof(ScalingSignals.ShardingInUse),
                 })
        {
            provenance.Add(new SignalView(name, false, "unknown", NotMeasured));
        }

        var signals = new ScalingSignals
        {
            ActiveUsers = activeUsers,
            MonitoringReachable = monitoring,
            ReplicaPresent = replica,
        };
        return new MeasuredSignals(signals, provenance);
    }

    /// <summary>Prometheus (or, without it, a direct scrape target) answering is monitoring; no source that ever reported is unknown.</summary>
    private async Task<bool?> MonitoringAsync(List<SignalView> provenance, CancellationToken cancellationToken)
    {
        var rows = await sources.GetAllAsync(cancellationToken);
        var monitors = rows.Where(r => r.Source == "prometheus" || r.Source.StartsWith("scrape:", StringComparison.Ordinal)).ToList();
        const string name = nameof(ScalingSignals.MonitoringReachable);
        if (monitors.Count == 0)
        {
            provenance.Add(new SignalView(name, false, "unknown", "no monitoring source (Prometheus or a scrape target) has reported yet"));
            return null;
        }

        var live = monitors.Where(m => !m.IsStale).ToList();
        if (live.Count > 0)
        {
            provenance.Add(new SignalView(name, true, "yes", $"{string.Join(", ", live.Select(m => m.Source))} answered at {live.Max(m => m.LastSuccessAt):u}"));
            return true;
        }

        var first = monitors.OrderBy(m => m.StaleSince).First();
        provenance.Add(new SignalView(name, true, "no", $"{first.Source} stale since {first.StaleSince:u}: {first.LastError}"));
        return false;
    }

    /// <summary>
    /// A primary's snapshot settles it both ways (a streaming standby or none). Without a snapshot on
    /// this instance (jobs run elsewhere), recent stored replication lag shows a replica; its absence proves nothing.
    /// </summary>
    private async Task<bool?> ReplicaAsync(List<SignalView> provenance, CancellationToken cancellationToken)
    {
        const string name = nameof(ScalingSignals.ReplicaPresent);
        var primaries = snapshots.All.Values.Where(s => !s.IsStandby && s.Replication.Data is not null).ToList();
        if (primaries.Count > 0)
        {
            var streaming = primaries
                .SelectMany(p => p.Replication.Data!.Standbys.Where(IsStreaming).Select(s => (p.Target, Standby: s)))
                .ToList();
            provenance.Add(streaming.Count > 0
                ? new SignalView(name, true, "yes", $"streaming standby {string.Join(", ", streaming.Select(s => $"{s.Standby.Name} of {s.Target}"))} (pg_stat_replication)")
                : new SignalView(name, true, "no", $"no streaming standby of {string.Join(", ", primaries.Select(p => p.Target))} (pg_stat_replication)"));
            return streaming.Count > 0;
        }

        var now = time.GetUtcNow();
        var lag = await history.GetAsync("pg_replication_lag_bytes", null, now - ReplicaEvidenceAge, now.AddSeconds(1), HistoryResolution.Raw, cancellationToken);
        if (lag.FirstOrDefault(s => s.Points.Count > 0) is { } standby)
        {
            provenance.Add(new SignalView(name, true, "yes", $"replication lag stored for {standby.Entity} at {standby.Points[^1].Time:u}"));
            return true;
        }

        provenance.Add(new SignalView(name, false, "unknown", "no PostgreSQL statistics on this instance and no replication lag stored in the last 15 minutes"));
        return null;
    }

    private static bool IsStreaming(StandbyLag standby) => string.Equals(standby.State, "streaming", StringComparison.OrdinalIgnoreCase);
}
