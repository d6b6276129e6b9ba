using Dashboard.Jobs.Alerts;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Every 15 s: evaluates each catalog metric's PromQL on Prometheus and stores the values.
/// Prometheus unreachable: the source is marked stale with its error and nothing is written
/// (never zeros). On first connection, and when Prometheus returns after a gap, the gap is
/// backfilled from query_range; the writer is idempotent, so overlaps cost nothing.
/// </summary>
public sealed class PrometheusIngestJob(
    PrometheusClient prometheus,
    ObservationWriter writer,
    SourceStatusTracker status,
    JobRunRecorder recorder,
    IOptionsMonitor<PrometheusOptions> prometheusOptions,
    IOptionsMonitor<IngestOptions> ingestOptions,
    IDbContextFactory<DashboardDbContext> contexts,
    GaugeSnapshotBuilder gauges,
    SeriesStateStore states,
    IGaugePublisher publisher,
    AlertStore alerts,
    TimeProvider time)
{
    public const string Id = "ingest-prometheus";
    public const string Cron = "*/15 * * * * *";
    public const string Source = "prometheus";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    [OneAtATime(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)] // the next run is 15 s away; a retry would only pile up
    public Task RunAsync(CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(prometheusOptions.CurrentValue.Url)
            ? Task.CompletedTask
            : recorder.RunAsync(Id, IngestAsync, cancellationToken);

    /// <summary>One ingest pass; returns the number of points written (new ones only).</summary>
    public async Task<int> IngestAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var byMetric = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        var failures = new Dictionary<string, (string Reason, DateTimeOffset Since)>(StringComparer.Ordinal);
        var queries = await QueriesAsync(cancellationToken);
        foreach (var (metric, promql) in queries)
        {
            try
            {
                var result = await prometheus.QueryAsync(promql, now, cancellationToken);
                byMetric[metric] = result.ToObservations(metric).ToList();
                await status.RecordSuccessAsync($"{Source}:{metric}", cancellationToken);
            }
            catch (PrometheusQueryException ex) when (IsSourceDown(ex))
            {
                await status.RecordFailureAsync(Source, ex.Error, cancellationToken);
                var since = (await status.GetAsync(Source, cancellationToken))?.StaleSince ?? now;
                await PublishAsync(byMetric: [], queries.ToDictionary(q => q.Metric, _ => (ex.Error, since), StringComparer.Ordinal), cancellationToken);
                return 0;
            }
            catch (PrometheusQueryException ex)
            {
                // The server answered but this expression is wrong (bad override, missing series type):
                // only this metric is stale, with Prometheus' own message.
                var reason = $"{ex.ErrorType}: {ex.Error}";
                await status.RecordFailureAsync($"{Source}:{metric}", reason, cancellationToken);
                failures[metric] = (reason, (await status.GetAsync($"{Source}:{metric}", cancellationToken))?.StaleSince ?? now);
            }
        }

        var previous = await status.RecordSuccessAsync(Source, cancellationToken);
        var written = (await writer.WriteAsync(byMetric.Values.SelectMany(o => o).ToList(), cancellationToken)).Inserted;
        await ForgetDeletedAsync(byMetric.Keys, cancellationToken);
        await PublishAsync(byMetric, failures, cancellationToken);
        if (BackfillFrom(previous, now) is { } from)
        {
            written += await BackfillAsync(queries, from, now, cancellationToken);
        }
        return written;
    }

    private async Task PublishAsync(
        Dictionary<string, List<Observation>> byMetric,
        Dictionary<string, (string Reason, DateTimeOffset Since)> failures,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var metrics = await db.MetricSettings.AsNoTracking().OrderBy(m => m.Category).ThenBy(m => m.MetricId).ToListAsync(cancellationToken);
        // The series' state on the primary (not this process's memory) is what "since" and a stale
        // series' last value continue from; a pass older than the stored one changes nothing.
        if (await states.RecordPassAsync(previous => gauges.Read(metrics, byMetric, failures, previous), cancellationToken) is not { } readings)
        {
            return;
        }
        // Before publishing, so a page that reloads its alerts on a new batch sees this pass's states.
        await alerts.EvaluateAsync(readings, metrics, cancellationToken);
        await publisher.PublishAsync(GaugeSnapshotBuilder.Display(readings.Select(r => r.EvaluatedAt).DefaultIfEmpty(time.GetUtcNow()).Max(), metrics, readings), cancellationToken);
    }

    /// <summary>
    /// A resource just created or re-pointed: its history from Prometheus over the initial backfill window, so
    /// its chart and forecast do not start empty (idempotent; a resource deleted meanwhile is skipped).
    /// </summary>
    [AutomaticRetry(Attempts = 2)]
    public async Task<int> BackfillResourceAsync(string metric, CancellationToken cancellationToken)
    {
        var query = (await QueriesAsync(cancellationToken)).FirstOrDefault(q => q.Metric == metric);
        if (query.Promql is null)
        {
            return 0;
        }
        var now = time.GetUtcNow();
        var written = await BackfillAsync([query], now - ingestOptions.CurrentValue.InitialBackfill, now, cancellationToken);
        await ForgetDeletedAsync([metric], cancellationToken);
        return written;
    }

    // A resource deleted while a pass or a backfill was reading Prometheus must not come back as a fresh series:
    // whatever was just written for a resource no longer stored is deleted again.
    private async Task ForgetDeletedAsync(IEnumerable<string> metrics, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = (await db.MetricSettings.Select(m => m.MetricId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var metric in metrics.Distinct().Where(m => !stored.Contains(m) && !DefaultQueries.Stored.ContainsKey(m)))
        {
            await ResourceData.DeleteAsync(db, metric, cancellationToken);
        }
    }

    /// <summary>Fills [from, to] from query_range, metric by metric.</summary>
    public async Task<int> BackfillAsync(IReadOnlyList<(string Metric, string Promql)> queries, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var step = ingestOptions.CurrentValue.BackfillStep;
        var written = 0;
        foreach (var (metric, promql) in queries)
        {
            try
            {
                var result = await prometheus.QueryRangeAsync(promql, from, to, step, cancellationToken);
                written += (await writer.WriteAsync(result.ToObservations(metric).ToList(), cancellationToken)).Inserted;
            }
            catch (PrometheusQueryException ex) when (!IsSourceDown(ex))
            {
                await status.RecordFailureAsync($"{Source}:{metric}", $"backfill {ex.ErrorType}: {ex.Error}", cancellationToken);
            }
        }
        return written;
    }

    /// <summary>
    /// Each resource's measured expression as stored now (built-ins in catalog order, then the user-defined ones;
    /// a change in Settings applies from the next pass), then the per-route latency and active-user series
    /// (stored, not shown as gauges).
    /// </summary>
    public async Task<IReadOnlyList<(string Metric, string Promql)>> QueriesAsync(CancellationToken cancellationToken)
    {
        List<MetricSettingRow> rows;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            rows = await db.MetricSettings.AsNoTracking().ToListAsync(cancellationToken);
        }
        var configured = prometheusOptions.CurrentValue.Queries;
        var byId = rows.ToDictionary(r => r.MetricId, StringComparer.Ordinal);
        var resources = ThresholdsInForce.Resolve(rows).Metrics
            .Select(m => byId.TryGetValue(m.Id, out var row) ? ResourceRows.ToSpec(row, configured) : null)
            .OfType<ResourceSpec>()
            .Where(spec => !string.IsNullOrWhiteSpace(spec.UsageQuery))
            .Select(spec => (spec.Id, ResourceQuery.Measured(spec)));
        return [.. resources, .. DefaultQueries.Stored.Keys.Select(id => (id, DefaultQueries.For(id, configured)))];
    }

    private DateTimeOffset? BackfillFrom(SourceStatusTracker.Previous previous, DateTimeOffset now)
    {
        var options = ingestOptions.CurrentValue;
        var earliest = now - options.MaxBackfill;
        if (previous.LastSuccessAt is not { } last)
        {
            var initial = now - options.InitialBackfill;
            return initial > earliest ? initial : earliest;
        }
        if (!previous.WasStale && now - last <= 2 * Interval)
        {
            return null;
        }
        return last > earliest ? last : earliest;
    }

    private static bool IsSourceDown(PrometheusQueryException ex) =>
        ex.ErrorType is PrometheusQueryException.Unreachable or PrometheusQueryException.Timeout
            or PrometheusQueryException.BadResponse or PrometheusQueryException.NotConfigured;
}
