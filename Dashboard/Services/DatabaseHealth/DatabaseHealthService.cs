using Dashboard.Components.Shared;
using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Domain.Health;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Postgres;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Dashboard.Services.Signals;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Dashboard.Services.DatabaseHealth;

/// <summary>
/// Database health and the decision path of every monitored PostgreSQL target, from the latest
/// snapshots the ingest-postgres job shares through postgres_snapshots (read from the replica), the
/// per-source status (primary, never cached: "stale since" must not itself be stale), the stored
/// table-size history (growth, cached per snapshot) and the stored readings (p99, ReadingService).
/// </summary>
public sealed class DatabaseHealthService(
    PostgresSnapshotStore store,
    SourceStatusTracker sources,
    SystemStatusService status,
    SignalsSnapshotService signalsSnapshot,
    ObservationHistory history,
    ReadingService readings,
    HybridCache cache,
    IOptionsMonitor<IngestOptions> ingest,
    IOptions<StorageOptions> storage,
    TimeProvider time)
{
    /// <summary>How far back table growth is measured when the history reaches that far.</summary>
    public static readonly TimeSpan GrowthWindow = TimeSpan.FromDays(7);

    private static readonly HybridCacheEntryOptions GrowthEntry = new()
    {
        Expiration = TimeSpan.FromMinutes(5),
        LocalCacheExpiration = TimeSpan.FromMinutes(2),
    };

    private sealed record Loaded(string Name, PostgresStatsSnapshot? Snapshot, SourceStatusRow? Status);

    private sealed record LoadedAll(IReadOnlyList<Loaded> Targets, IReadOnlyDictionary<string, PostgresStatsSnapshot> Snapshots, IReadOnlyList<SourceStatusRow> Statuses);

    /// <summary>Every configured target, by name.</summary>
    public async Task<DatabaseHealthReport> GetHealthAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var targets = await LoadAsync(cancellationToken);
        var catalog = await status.GetCatalogAsync(cancellationToken);
        var limits = Limits(catalog);
        var connections = Threshold(catalog, MetricIds.DbConnections);
        var health = new List<TargetHealth>();
        foreach (var t in targets)
        {
            var growth = t.Snapshot is { } s ? await GrowthAsync(t.Name, s, cancellationToken) : new Dictionary<string, TableGrowth>();
            health.Add(TargetHealthBuilder.Build(t.Name, t.Snapshot, t.Status, growth, connections, limits, now));
        }
        return new DatabaseHealthReport(now, health);
    }

    /// <summary>The decision path per target, from the measured signals; unknown signals are passed as unknown.</summary>
    public async Task<DecisionPathReport> GetDecisionPathAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var loaded = await LoadAllAsync(cancellationToken);
        // The same snapshot the checklist and the owner's mistakes read, from the same statistics read here.
        var shared = signalsSnapshot.From(loaded.Snapshots, loaded.Statuses, await readings.GetGaugesAsync(cancellationToken));
        var catalog = await status.GetCatalogAsync(cancellationToken);
        var limits = Limits(catalog);
        var advisor = new DecisionPathAdvisor(limits);
        var (cpu, cpuUnknown) = await CpuAsync(catalog, now, cancellationToken);
        var paths = new List<TargetDecisionPath>();
        foreach (var t in loaded.Targets)
        {
            var state = TargetHealthBuilder.Freshness(t.Snapshot, t.Status, now).State;
            var (signals, views) = DatabaseSignals.Read(t.Name, t.Snapshot, state, cpu, cpuUnknown, limits, shared);
            paths.Add(TargetDecisionPath.Of(t.Name, state, views, advisor.Advise(signals)));
        }
        return new DecisionPathReport(now, P99(catalog, await readings.GetMetricAsync(MetricIds.LatencyP99, cancellationToken)), paths);
    }

    private async Task<IReadOnlyList<Loaded>> LoadAsync(CancellationToken cancellationToken) =>
        (await LoadAllAsync(cancellationToken)).Targets;

    private async Task<LoadedAll> LoadAllAsync(CancellationToken cancellationToken)
    {
        var names = PostgresStatsJob.Targets(ingest.CurrentValue, storage.Value).Keys.Order(StringComparer.Ordinal).ToList();
        var snapshots = await store.GetAllAsync(cancellationToken);
        var rows = await sources.GetAllAsync(cancellationToken);
        var statuses = rows.ToDictionary(s => s.Source, StringComparer.Ordinal);
        return new LoadedAll([.. names.Select(n => new Loaded(n, snapshots.GetValueOrDefault(n), statuses.GetValueOrDefault("postgres:" + n)))], snapshots, rows);
    }

    /// <summary>The chapter's levels, with the CPU and connection levels in force (threshold overrides apply).</summary>
    private static AdviceLimits Limits(IReadOnlyList<MetricSettingRow> catalog) => AdviceLimits.Default with
    {
        CpuHigh = catalog.FirstOrDefault(m => m.MetricId == MetricIds.Cpu)?.Warning ?? AdviceLimits.Default.CpuHigh,
        ConnectionSaturationHigh = catalog.FirstOrDefault(m => m.MetricId == MetricIds.DbConnections)?.Warning ?? AdviceLimits.Default.ConnectionSaturationHigh,
    };

    private static Domain.Values.Threshold Threshold(IReadOnlyList<MetricSettingRow> catalog, string metric) =>
        catalog.FirstOrDefault(m => m.MetricId == metric)?.ToThreshold() ?? MetricCatalog.Default.Get(metric).Threshold;

    /// <summary>
    /// Growth of the largest tables: from the stored size series over the last 7 days (hourly rollups)
    /// or, for younger series, the raw samples of the last 6 hours; failing that, between the last two
    /// snapshots. Cached per snapshot.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, TableGrowth>> GrowthAsync(string name, PostgresStatsSnapshot snapshot, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync($"db-growth:{name}:{snapshot.TakenAt.ToUnixTimeSeconds()}", async ct =>
        {
            var growth = new Dictionary<string, TableGrowth>(StringComparer.Ordinal);
            if (snapshot.Sizes.Data is not { } sizes)
            {
                return growth;
            }
            var now = snapshot.TakenAt;
            var sizeSeries = await EarliestAsync(PostgresStatsJob.TableSizeMetric, name, now, ct);
            var rowSeries = await EarliestAsync(PostgresStatsJob.TableRowsMetric, name, now, ct);
            var lastTwo = snapshot.Rates?.TableGrowth.ToDictionary(g => g.Name, StringComparer.Ordinal) ?? [];
            foreach (var table in sizes.LargestTables)
            {
                var key = TargetHealthBuilder.TableKey(table.Schema, table.Name);
                var entity = PostgresStatsJob.TableEntity(name, table.Schema, table.Name);
                if (sizeSeries.TryGetValue(entity, out var then))
                {
                    long? rowsChange = rowSeries.TryGetValue(entity, out var rowsThen) && table.Rows is { } rows ? rows - (long)Math.Round(rowsThen.Value) : null;
                    growth[key] = new TableGrowth(table.TotalBytes - (long)Math.Round(then.Value), rowsChange, then.Time, now - then.Time, "stored history");
                }
                else if (lastTwo.TryGetValue(key, out var rate) && snapshot.Rates is { } rates)
                {
                    growth[key] = new TableGrowth((long)Math.Round(rate.BytesPerSecond * rates.Interval.TotalSeconds), null, now - rates.Interval, rates.Interval, "last two snapshots");
                }
            }
            return growth;
        }, GrowthEntry, cancellationToken: cancellationToken);

    /// <summary>Per entity of the target: the earliest stored value at least a minute before <paramref name="now"/>.</summary>
    private async Task<Dictionary<string, (DateTimeOffset Time, double Value)>> EarliestAsync(string metric, string target, DateTimeOffset now, CancellationToken ct)
    {
        var prefix = $"target=\"{target}\",";
        var earliest = new Dictionary<string, (DateTimeOffset Time, double Value)>(StringComparer.Ordinal);
        void Take(IEnumerable<SeriesHistory> series, TimeSpan bucket)
        {
            foreach (var s in series.Where(s => s.Entity.StartsWith(prefix, StringComparison.Ordinal) && !earliest.ContainsKey(s.Entity)))
            {
                // A rollup's average stands for the middle of its bucket, and only a complete bucket counts.
                var first = s.Points.FirstOrDefault(p => double.IsFinite(p.Avg) && p.Count > 0 && p.Time + bucket <= now);
                if (first.Count > 0 && now - (first.Time + bucket / 2) >= TimeSpan.FromMinutes(1))
                {
                    earliest[s.Entity] = (first.Time + bucket / 2, first.Avg);
                }
            }
        }
        Take(await history.GetAsync(metric, null, now - GrowthWindow, now, HistoryResolution.OneHour, ct), TimeSpan.FromHours(1));
        Take(await history.GetAsync(metric, null, now - ObservationHistory.RawUpTo, now.AddSeconds(1), HistoryResolution.Raw, ct), TimeSpan.Zero);
        return earliest;
    }

    /// <summary>
    /// The CPU level held through the sustained window (the catalog's, 5 min by default): per host the
    /// lowest stored sample in the window, which must be covered and fresh; the busiest host wins.
    /// </summary>
    private async Task<(CpuHeld? Cpu, string Unknown)> CpuAsync(IReadOnlyList<MetricSettingRow> catalog, DateTimeOffset now, CancellationToken ct)
    {
        var window = Threshold(catalog, MetricIds.Cpu).SustainedFor ?? MetricCatalog.DefaultCpuSustainedFor;
        var slack = TimeSpan.FromMinutes(1);
        var series = await history.GetAsync(MetricIds.Cpu, null, now - window - slack, now.AddSeconds(1), HistoryResolution.Raw, ct);
        if (series.Count == 0)
        {
            return (null, $"No CPU samples stored in the last {Humanize.Duration(window + slack)} (is Prometheus configured and answering?).");
        }
        CpuHeld? busiest = null;
        foreach (var s in series)
        {
            var points = s.Points.Where(p => double.IsFinite(p.Avg)).ToList();
            var inWindow = points.Where(p => p.Time >= now - window).ToList();
            var covered = points.Count > 0 && points[0].Time <= now - window + slack;
            var fresh = points.Count > 0 && Freshness.IsRecent(points[^1].Time, now);
            if (inWindow.Count < 2 || !covered || !fresh)
            {
                continue;
            }
            var held = inWindow.Min(p => p.Avg);
            if (busiest is null || held > busiest.Percent)
            {
                busiest = new CpuHeld(s.Entity, held, window, points[^1].Time);
            }
        }
        return busiest is null
            ? (null, $"CPU samples do not yet cover the {Humanize.Duration(window)} window with fresh data.")
            : (busiest, "");
    }

    private static SymptomView? P99(IReadOnlyList<MetricSettingRow> catalog, IReadOnlyList<SeriesReading> gauges)
    {
        if (gauges.Count == 0)
        {
            return null;
        }
        var worst = gauges.Where(g => g.Value is not null).MaxBy(g => g.Value) ?? gauges[0];
        return new SymptomView(worst.Entity, worst.Value, worst.Status, Threshold(catalog, MetricIds.LatencyP99).Warning, worst.SampledAt, worst.StaleReason);
    }
}
