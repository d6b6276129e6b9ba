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
using Prometheus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Every 15 s: evaluates each catalog metric's PromQL on Prometheus at the run's grid time and stores the values.
/// Prometheus unreachable: the source is marked stale with its error and nothing is written (never zeros).
/// On first connection the initial window, and after any interruption (Prometheus, primary or worker down, a
/// restart) every grid step since the watermark, up to Ingest:MaxBackfill, is backfilled from query_range at the
/// same grid times, so the idempotent writer turns overlaps and reruns into no-ops (docs/decisions/028).
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
    private static readonly TimeSpan Interval = IngestGrid.Step;

    private static readonly Counter Gaps = Metrics.CreateCounter(
        "dashboard_ingest_gaps_total", "Gaps found after an ingest watermark (steps missed while ingest was interrupted).", "source");
    private static readonly Counter BackfilledSeconds = Metrics.CreateCounter(
        "dashboard_ingest_backfill_seconds_total", "Time range of ingest gaps backfilled from Prometheus query_range, in seconds.", "source");
    private static readonly Counter SkippedSeconds = Metrics.CreateCounter(
        "dashboard_ingest_backfill_skipped_seconds_total", "Time range of ingest gaps older than Ingest:MaxBackfill and left unfilled, in seconds.", "source");

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
        // The grid time of this run: a rerun in the same step writes the same points (no-ops), a backfill the ones between.
        var at = IngestGrid.Floor(now, Interval);
        var byMetric = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        var failures = new Dictionary<string, (string Reason, DateTimeOffset Since)>(StringComparer.Ordinal);
        var queries = await QueriesAsync(cancellationToken);
        foreach (var (metric, promql) in queries)
        {
            try
            {
                var result = await prometheus.QueryAsync(promql, at, cancellationToken);
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
        written += await FillGapAsync(queries, previous, at, cancellationToken);
        // Last: a pass that fails before here leaves the watermark, and the next pass fills what this one missed.
        await status.RecordIngestedThroughAsync(Source, at, cancellationToken);
        return written;
    }

    private async Task<int> FillGapAsync(
        IReadOnlyList<(string Metric, string Promql)> queries, SourceStatusTracker.Previous previous, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var options = ingestOptions.CurrentValue;
        if ((previous.IngestedThrough ?? previous.LastSuccessAt) is not { } watermark)
        {
            // First connection: the initial history, at the coarser backfill step (a multiple of the grid's).
            var step = options.BackfillStep;
            return await BackfillAsync(queries, IngestGrid.Ceiling(at - options.InitialBackfill, step), at - Interval, step, cancellationToken);
        }
        if (GapBackfill.Between(watermark, at, Interval, options.MaxBackfill) is not { } gap)
        {
            return 0;
        }
        Gaps.WithLabels(Source).Inc();
        var written = await BackfillAsync(queries, gap.From, gap.To, gap.Step, cancellationToken);
        BackfilledSeconds.WithLabels(Source).Inc(gap.Filled.TotalSeconds);
        SkippedSeconds.WithLabels(Source).Inc(gap.Skipped.TotalSeconds);
        await status.RecordBackfillAsync(Source, gap, cancellationToken);
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
    /// While the primary is unreachable (docs/decisions/028), Hangfire, whose storage is on it, runs no ingest: this pass
    /// reads Prometheus and publishes the gauges from memory, storing nothing (the next stored pass backfills the gap).
    /// <paramref name="previous"/> is the last such pass's readings, or null for the stored state (read from the replica).
    /// </summary>
    public async Task<IReadOnlyList<SeriesReading>> PublishWithoutStoringAsync(IReadOnlyList<SeriesReading>? previous, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var at = IngestGrid.Floor(now, Interval);
        List<MetricSettingRow> metrics;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            metrics = await db.MetricSettings.AsNoTracking().OrderBy(m => m.Category).ThenBy(m => m.MetricId).ToListAsync(cancellationToken);
            previous ??= await db.SeriesStates.AsNoTracking().ToListAsync(cancellationToken);
        }
        var byMetric = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        var failures = new Dictionary<string, (string Reason, DateTimeOffset Since)>(StringComparer.Ordinal);
        foreach (var (metric, promql) in await QueriesAsync(cancellationToken))
        {
            try
            {
                byMetric[metric] = (await prometheus.QueryAsync(promql, at, cancellationToken)).ToObservations(metric).ToList();
            }
            catch (PrometheusQueryException ex)
            {
                failures[metric] = (ex.Error, now);
            }
        }
        var readings = gauges.Read(metrics, byMetric, failures, previous);
        await publisher.PublishAsync(GaugeSnapshotBuilder.Display(readings.Select(r => r.EvaluatedAt).DefaultIfEmpty(now).Max(), metrics, readings), cancellationToken);
        return readings;
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
        var now = IngestGrid.Floor(time.GetUtcNow(), Interval);
        var step = ingestOptions.CurrentValue.BackfillStep;
        var written = await BackfillAsync([query], IngestGrid.Ceiling(now - ingestOptions.CurrentValue.InitialBackfill, step), now, step, cancellationToken);
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

    /// <summary>Fills [from, to] from query_range at <paramref name="step"/>, metric by metric (nothing when from is after to).</summary>
    public async Task<int> BackfillAsync(
        IReadOnlyList<(string Metric, string Promql)> queries, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var (metric, promql) in queries)
        {
            try
            {
                if (from > to)
                {
                    continue;
                }
                // The client asks Prometheus in windows of at most 11,000 points and stitches them.
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

    private static bool IsSourceDown(PrometheusQueryException ex) =>
        ex.ErrorType is PrometheusQueryException.Unreachable or PrometheusQueryException.Timeout
            or PrometheusQueryException.BadResponse or PrometheusQueryException.NotConfigured;
}
