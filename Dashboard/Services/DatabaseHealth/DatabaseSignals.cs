using Dashboard.Components.Engineer;
using Dashboard.Components.Shared;
using Dashboard.Domain.Advice;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Sources.Postgres;

namespace Dashboard.Services.DatabaseHealth;

/// <summary>The CPU level held through the sustained window on the busiest host (the lowest sample in the window).</summary>
public sealed record CpuHeld(string Entity, double Percent, TimeSpan Window, DateTimeOffset Until);

/// <summary>
/// Reads the decision path's <see cref="ScalingSignals"/> from what was measured: one database's
/// statistics snapshot and the hosts' CPU for the figures only this path uses, and the signals
/// snapshot (the one the checklist and the owner's mistakes read) for the replica, partitioning,
/// cache, pooler and sharding, so every view says the same about them. Whatever was not measured
/// stays null (unknown) and says why; nothing is assumed. Each signal is listed with its value and
/// where it came from.
/// </summary>
public static class DatabaseSignals
{
    public static (ScalingSignals Signals, IReadOnlyList<SignalView> Views) Read(
        string target, PostgresStatsSnapshot? snapshot, TargetState state, CpuHeld? cpu, string cpuUnknown, AdviceLimits limits, SignalsSnapshot shared)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var views = new List<SignalView>();
        var at = snapshot?.TakenAt;
        var stale = state == TargetState.Stale ? " (last known values: collection is stale)" : "";
        const string NoSnapshot = "No statistics snapshot of this database yet.";

        SignalView Known(string signal, string label, string value, string source, DateTimeOffset? measuredAt = null) =>
            new(signal, label, true, value, source + stale, measuredAt ?? at);
        SignalView Unknown(string signal, string label, string why) => new(signal, label, false, "unknown", why, null);
        string Why(PanelProblem? problem) => snapshot is null ? NoSnapshot : problem?.Message ?? "Not collected.";

        // 1. Slow queries (pg_stat_statements).
        bool? slow = null;
        const string SlowLabel = "Slow queries";
        if (snapshot?.TopQueries.Data is { } top)
        {
            var candidates = top.ByMeanTime.Select(s => (Stats: s, Explain: s.TextHidden ? null : ExplainLine.For(s.Query))).ToList();
            var slowOnes = candidates.Where(c => TargetHealthBuilder.IsSlow(c.Stats, c.Explain, limits)).Select(c => c.Stats).ToList();
            var since = top.StatsReset is { } reset ? $"since {reset:yyyy-MM-dd HH:mm} UTC" : "since its last reset";
            var rule = $"mean > {DbFormat.Millis(limits.SlowQueryMeanMs)}";
            if (slowOnes.Count > 0)
            {
                slow = true;
                views.Add(Known(nameof(ScalingSignals.SlowQueriesPresent), SlowLabel,
                    $"yes: {slowOnes.Count} statement{(slowOnes.Count == 1 ? "" : "s")} with {rule}, slowest mean {DbFormat.Millis(slowOnes.Max(s => s.MeanExecMs))}",
                    $"pg_stat_statements {since}"));
            }
            else if (top.ByMeanTime.Count > 0 && top.ByMeanTime.All(s => s.MeanExecMs > limits.SlowQueryMeanMs))
            {
                // Every listed statement is above the limit but none is a query EXPLAIN can study: the list may be too short to tell.
                views.Add(Unknown(nameof(ScalingSignals.SlowQueriesPresent), SlowLabel,
                    $"The {top.ByMeanTime.Count} slowest statements are all utility statements (DDL, COPY, VACUUM) above the limit; queries beyond them were not collected."));
            }
            else
            {
                slow = false;
                var slowest = candidates.Where(c => c.Explain is not null && c.Stats.TopLevel && !c.Stats.TextHidden).Select(c => c.Stats.MeanExecMs).DefaultIfEmpty().Max();
                views.Add(Known(nameof(ScalingSignals.SlowQueriesPresent), SlowLabel,
                    $"no: no query with {rule} (slowest mean {DbFormat.Millis(slowest)})", $"pg_stat_statements {since}"));
            }
        }
        else
        {
            views.Add(Unknown(nameof(ScalingSignals.SlowQueriesPresent), SlowLabel, Why(snapshot?.TopQueries.Problem)));
        }

        // 2. Cache hit ratio (tables and indexes, since the stats reset).
        Ratio? hit = snapshot?.CacheHit.Data?.OverallRatio is { } overall ? Ratio.Of(Math.Clamp(overall, 0, 1)) : null;
        const string HitLabel = "Buffer-cache hit ratio";
        views.Add(hit is { } h
            ? Known(nameof(ScalingSignals.CacheHitRatio), HitLabel, DbFormat.Ratio(h.Value), "pg_statio_user_tables, tables and indexes, since the stats reset")
            : Unknown(nameof(ScalingSignals.CacheHitRatio), HitLabel,
                snapshot?.CacheHit.Data is not null ? "No table or index block has been read yet." : Why(snapshot?.CacheHit.Problem)));

        // 3. CPU held over the sustained window.
        Percent? cpuHeld = cpu is { } c ? Percent.Of(Math.Clamp(c.Percent, 0, 100)) : null;
        var cpuLabel = cpu is { } w ? $"CPU held over {Humanize.Duration(w.Window)}" : "CPU held over the sustained window";
        views.Add(cpu is { } held
            ? new SignalView(nameof(ScalingSignals.CpuSustained), cpuLabel, true, $"{DbFormat.Percent(held.Percent)} on {held.Entity}",
                "Lowest stored CPU sample in the window, busiest host (Prometheus); the hosts are not mapped to this database", held.Until)
            : Unknown(nameof(ScalingSignals.CpuSustained), cpuLabel, cpuUnknown));

        // 4. Read share (rows read vs rows written).
        var readWrite = snapshot?.ReadWrite.Data;
        Ratio? readShare = readWrite?.ReadShare is { } share ? Ratio.Of(Math.Clamp(share, 0, 1)) : null;
        const string ReadLabel = "Reads among rows touched";
        views.Add(readShare is { } rs
            ? Known(nameof(ScalingSignals.ReadShare), ReadLabel,
                $"{DbFormat.Ratio(rs.Value)} ({DbFormat.ShortCount(readWrite!.RowsRead)} read, {DbFormat.ShortCount(readWrite.RowsWritten)} written)",
                "pg_stat_database rows returned vs inserted/updated/deleted, since the stats reset")
            : Unknown(nameof(ScalingSignals.ReadShare), ReadLabel, readWrite is not null ? "No rows read or written yet." : Why(snapshot?.ReadWrite.Problem)));

        // 5. Largest table's rows; 11. partitioning in use.
        var sizes = snapshot?.Sizes.Data;
        var largest = sizes?.LargestTables.Where(t => t.Rows is not null).MaxBy(t => t.Rows);
        long? largestRows = largest?.Rows;
        const string RowsLabel = "Rows in the largest table";
        views.Add(largest is not null
            ? Known(nameof(ScalingSignals.LargestTableRows), RowsLabel, $"{DbFormat.Count(largest.Rows!.Value)} ({largest.Schema}.{largest.Name})",
                $"n_live_tup / planner estimate of the {sizes!.LargestTables.Count} largest tables by size")
            : Unknown(nameof(ScalingSignals.LargestTableRows), RowsLabel, sizes is not null ? "No analysed table yet." : Why(snapshot?.Sizes.Problem)));

        // 6. Database size; 7. writes per second.
        var databaseName = snapshot is null ? null : snapshot.Target[(snapshot.Target.LastIndexOf('/') + 1)..];
        long? databaseBytes = sizes?.Databases.FirstOrDefault(d => d.Name == databaseName)?.Bytes;
        const string SizeLabel = "Database size";
        views.Add(databaseBytes is { } bytes
            ? Known(nameof(ScalingSignals.DatabaseSizeBytes), SizeLabel, DbFormat.Bytes(bytes), $"pg_database_size({databaseName})")
            : Unknown(nameof(ScalingSignals.DatabaseSizeBytes), SizeLabel, sizes is not null ? "The monitoring role may not connect to this database." : Why(snapshot?.Sizes.Problem)));

        var rates = snapshot?.Rates;
        double? writes = rates?.RowsWritten.PerSecond;
        const string WritesLabel = "Rows written per second";
        views.Add(writes is { } wps
            ? Known(nameof(ScalingSignals.WritesPerSecond), WritesLabel, DbFormat.PerSecond(wps, "rows"),
                $"pg_stat_database, between the last two snapshots ({Humanize.Duration(rates!.Interval)} apart)")
            : Unknown(nameof(ScalingSignals.WritesPerSecond), WritesLabel,
                snapshot is null ? NoSnapshot
                : rates is null ? "Needs two snapshots of the same database (the next run gives the first rate)."
                : rates.RowsWritten.Reset ? "The statistics were reset between the last two snapshots." : Why(snapshot.ReadWrite.Problem)));

        // 8. Connections.
        var connections = snapshot?.Connections.Data;
        Percent? saturation = connections is { MaxConnections: > 0 } cn ? Percent.Of(Math.Clamp(cn.PercentOfMax, 0, 100)) : null;
        const string ConnLabel = "Connections, % of max_connections";
        views.Add(saturation is { } sat
            ? Known(nameof(ScalingSignals.ConnectionSaturation), ConnLabel, $"{DbFormat.Percent(sat.Value)} ({connections!.Total} of {connections.MaxConnections})",
                "pg_stat_activity client backends of the whole server")
            : Unknown(nameof(ScalingSignals.ConnectionSaturation), ConnLabel, Why(snapshot?.Connections.Problem)));

        // 9-12. Replica and partitioning of this database, the deployment's cache, sharding and pooler: from the signals snapshot.
        var facts = shared.Database(target);
        SignalView Shared(string signal, string label, SignalFact<bool> fact) =>
            new(signal, label, fact.IsKnown, SignalVerdicts.Of(fact).Word(), fact.Provenance, fact.At);
        views.Add(Shared(nameof(ScalingSignals.ReplicaPresent), "Streaming read replica", facts.Replica));
        views.Add(Shared(nameof(ScalingSignals.CachePresent), "Application cache (Redis) for hot reads", shared.Cache));
        views.Add(Shared(nameof(ScalingSignals.PartitioningInUse), "Partitioned tables", facts.Partitioning));
        views.Add(Shared(nameof(ScalingSignals.ShardingInUse), "Sharding", shared.Sharding));
        views.Add(Shared(nameof(ScalingSignals.ConnectionPoolerPresent), "Connection pooler", shared.ConnectionPooler));

        var signals = new ScalingSignals
        {
            SlowQueriesPresent = slow,
            CacheHitRatio = hit,
            CpuSustained = cpuHeld,
            ReadShare = readShare,
            LargestTableRows = largestRows,
            DatabaseSizeBytes = databaseBytes,
            WritesPerSecond = writes,
            ConnectionSaturation = saturation,
        };
        return (shared.ForDatabase(target, signals), views);
    }
}
