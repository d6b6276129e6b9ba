using System.Diagnostics;
using System.Runtime.CompilerServices;
using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Dashboard.Jobs.Forecasting;

/// <summary>
/// One forecast run: reads the hourly history of every forecast series from the replica, fits
/// the Domain models in parallel, stores one row per series (replacing the previous run's, so a
/// re-run is idempotent), reports progress on the run's row, drops cached views and exports its
/// duration and series/s.
/// </summary>
public sealed partial class ForecastRunner(
    IDbContextFactory<DashboardDbContext> writes,
    ObservationHistory history,
    IOptionsMonitor<ForecastingOptions> options,
    IEnumerable<IForecastCacheInvalidator> invalidators,
    RecentReads recent,
    TimeProvider time,
    ILogger<ForecastRunner> logger)
{
    /// <summary>The <see cref="RecentReads"/> key of the newest succeeded run's id (dropped when a run here succeeds).</summary>
    public const string LatestSucceededKey = "forecast-runs:latest-succeeded";

    /// <summary>The <see cref="RecentReads"/> key of the newest run's stored rows (dropped with the run).</summary>
    public const string RowsKey = "forecasts:rows";

    /// <summary>The <see cref="RecentReads"/> key of the forecast summaries (rows + readings now): dropped when a run here succeeds or a pass stores readings.</summary>
    public const string SummariesKey = "forecasts:summaries";

    public const string Schedule = "schedule";

    private static readonly Gauge LastDuration = Metrics.CreateGauge(
        "dashboard_forecast_last_duration_seconds", "Duration of the last forecast run (read, fit, store).");
    private static readonly Gauge SeriesPerSecond = Metrics.CreateGauge(
        "dashboard_forecast_series_per_second", "Series fitted per second in the last forecast run (fit phase only).");
    private static readonly Gauge SeriesByStatus = Metrics.CreateGauge(
        "dashboard_forecast_series", "Series in the last forecast run by outcome.", "status");

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    private const long StoreLockKey = 0x666F72655F73746F; // "fore_sto"

    /// <summary>Records a queued run for a user's "recompute now"; the caller enqueues the job with its id.</summary>
    public async Task<Guid> QueueAsync(string requestedBy, CancellationToken cancellationToken)
    {
        var run = new ForecastRunRow
        {
            Id = Guid.NewGuid(),
            RequestedBy = requestedBy,
            RequestedAt = time.GetUtcNow(),
            State = nameof(ForecastRunState.Queued),
        };
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        db.ForecastRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    /// <summary>Runs a queued run, or a scheduled one when <paramref name="runId"/> is null.</summary>
    public async Task RunAsync(Guid? runId, CancellationToken cancellationToken)
    {
        var id = runId ?? await QueueAsync(Schedule, cancellationToken);
        var watch = Stopwatch.StartNew();
        await UpdateRunAsync(id, r => { r.State = nameof(ForecastRunState.Running); r.StartedAt = time.GetUtcNow(); r.Error = null; }, cancellationToken);
        try
        {
            var o = options.CurrentValue;
            var now = time.GetUtcNow();
            var inputs = await ReadInputsAsync(now, o, cancellationToken);
            await UpdateRunAsync(id, r => r.SeriesTotal = inputs.Count, cancellationToken);

            var fitWatch = Stopwatch.StartNew();
            var done = new StrongBox<int>(0);
            var fitting = Task.Run(() => Fit(inputs, o, done, cancellationToken), cancellationToken);
            while (await Task.WhenAny(fitting, Task.Delay(ProgressInterval, cancellationToken)) != fitting)
            {
                var progress = Volatile.Read(ref done.Value);
                await UpdateRunAsync(id, r => r.SeriesDone = progress, cancellationToken);
            }
            var results = await fitting;
            var fitSeconds = fitWatch.Elapsed.TotalSeconds;

            await StoreAsync(id, now, inputs, results, cancellationToken);
            foreach (var invalidator in invalidators)
            {
                await invalidator.InvalidateAsync(cancellationToken);
            }

            var forecasted = results.Count(r => r.Result.Status == ForecastStatus.Forecasted);
            var rate = fitSeconds > 0 ? inputs.Count / fitSeconds : 0;
            LastDuration.Set(watch.Elapsed.TotalSeconds);
            SeriesPerSecond.Set(rate);
            SeriesByStatus.WithLabels("forecasted").Set(forecasted);
            SeriesByStatus.WithLabels("insufficient_history").Set(inputs.Count - forecasted);
            await UpdateRunAsync(id, r =>
            {
                r.State = nameof(ForecastRunState.Succeeded);
                r.FinishedAt = time.GetUtcNow();
                r.SeriesDone = inputs.Count;
                r.SeriesForecasted = forecasted;
                r.SeriesPerSecond = rate;
            }, cancellationToken);
            recent.Invalidate(LatestSucceededKey);
            recent.Invalidate(RowsKey);
            recent.Invalidate(SummariesKey);
            LogRun(logger, id, inputs.Count, forecasted, watch.Elapsed.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await UpdateRunAsync(id, r =>
            {
                r.State = nameof(ForecastRunState.Failed);
                r.FinishedAt = time.GetUtcNow();
                r.Error = ex.Message.Length <= 2000 ? ex.Message : ex.Message[..2000];
            }, CancellationToken.None);
            throw;
        }
    }

    private async Task<List<ForecastInput>> ReadInputsAsync(DateTimeOffset now, ForecastingOptions o, CancellationToken cancellationToken)
    {
        Dictionary<string, MetricSettingRow> settings;
        // The levels from the primary: "change a threshold, then recompute" must see the change, and a replica can lag
        // behind it (the history, by far the larger read, still comes from the replica).
        await using (var db = await writes.CreateDbContextAsync(cancellationToken))
        {
            settings = await db.MetricSettings.ToDictionaryAsync(m => m.MetricId, cancellationToken);
        }

        var inputs = new List<ForecastInput>();
        var from = now - TimeSpan.FromDays(o.HistoryDays);
        foreach (var metric in ForecastSeriesIds.For(settings.Keys))
        {
            var hourly = await history.GetAsync(metric, null, from, now, HistoryResolution.OneHour, cancellationToken);
            var recent = await history.GetAsync(metric, null, now - TimeSpan.FromMinutes(30), now, HistoryResolution.FiveMinutes, cancellationToken);
            var current = recent.ToDictionary(s => s.Entity, s => s.Points.Count > 0 ? s.Points[^1].Avg : (double?)null);
            var definition = settings.GetValueOrDefault(metric);
            foreach (var series in hourly)
            {
                var grid = HourlySeries.From(series);
                var latest = current.GetValueOrDefault(series.Entity) ?? LastFinite(grid);
                inputs.Add(new ForecastInput(metric, series.Entity, definition?.Unit ?? "count", definition?.ToThreshold(), grid, latest));
            }
        }
        return inputs;
    }

    private static IReadOnlyList<ForecastOutput> Fit(List<ForecastInput> inputs, ForecastingOptions o, StrongBox<int> done, CancellationToken cancellationToken)
    {
        var settings = ForecastSettings.Default with
        {
            MinimumHistory = TimeSpan.FromDays(o.MinimumHistoryDays),
            IntervalLevel = o.IntervalLevel,
        };
        var forecaster = new Forecaster(settings);
        var horizon = TimeSpan.FromDays(o.HorizonDays);
        var outputs = new ForecastOutput[inputs.Count];
        Parallel.For(0, inputs.Count, new ParallelOptions
        {
            MaxDegreeOfParallelism = o.MaxParallelism > 0 ? o.MaxParallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        }, i =>
        {
            outputs[i] = FitOne(forecaster, settings, inputs[i], horizon);
            Interlocked.Increment(ref done.Value);
        });
        return outputs;
    }

    private static ForecastOutput FitOne(Forecaster forecaster, ForecastSettings settings, ForecastInput input, TimeSpan horizon)
    {
        if (input.History is not { } series)
        {
            return new ForecastOutput(NoHistory(settings), null);
        }
        // The models refuse a horizon absurdly long for the history; cap it rather than fail.
        var maximum = forecaster.MaximumHorizon(series);
        var capped = maximum > TimeSpan.Zero && maximum < horizon ? maximum : horizon;
        ForecastResult result;
        try
        {
            result = forecaster.Forecast(series, capped);
        }
        catch (DomainValidationException ex)
        {
            result = NoHistory(settings) with { Message = ex.Message };
        }
        var outlook = input.Threshold is { } threshold && input.Current is { } current
            ? CapacityOutlookEstimator.Estimate(result, threshold, current, Gate(threshold))
            : null;
        return new ForecastOutput(result, outlook);
    }

    // The "already a good part of the way" gate measures from the good end: 0 for usage, 100 % for success rates and uptime.
    private static CapacityGate Gate(Threshold threshold) =>
        threshold.Direction == ThresholdDirection.BelowIsBad && threshold.Unit == Domain.Catalog.MetricUnits.Percent
            ? CapacityGate.Default with { Origin = 100 }
            : CapacityGate.Default;

    private async Task StoreAsync(Guid runId, DateTimeOffset now, List<ForecastInput> inputs, IReadOnlyList<ForecastOutput> results, CancellationToken cancellationToken)
    {
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One store at a time (a recompute can meet the scheduled run): the second waits, then updates only the rows
        // the first did not compute from newer history, instead of inserting the same new series twice.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [StoreLockKey], cancellationToken);
        var existing = await db.Forecasts.ToDictionaryAsync(f => (f.Metric, f.Entity), cancellationToken);
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var key = (input.Metric, input.Entity);
            seen.Add(key);
            if (!existing.TryGetValue(key, out var row))
            {
                row = new ForecastRow { Metric = input.Metric, Entity = input.Entity, Status = "", Message = "", Unit = input.Unit, Trend = "" };
                db.Forecasts.Add(row);
            }
            else if (row.ComputedAt > now)
            {
                // A run that started later (newer history) stored first: its forecast stands.
                continue;
            }
            var previous = ForecastRowMapper.Previous(row, input.Threshold?.Direction);
            row.RunId = runId;
            row.ComputedAt = now;
            row.Unit = input.Unit;
            ForecastRowMapper.Apply(row, results[i].Result, results[i].Outlook, input.History, input.Current);
            ForecastRowMapper.RecordMoves(row, previous, input.History, input.Threshold?.Direction);
        }
        // Series that no longer exist lose their forecast: a re-run leaves exactly this run's rows.
        db.Forecasts.RemoveRange(existing.Where(e => !seen.Contains(e.Key) && e.Value.ComputedAt <= now).Select(e => e.Value));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task UpdateRunAsync(Guid id, Action<ForecastRunRow> change, CancellationToken cancellationToken)
    {
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var run = await db.ForecastRuns.SingleAsync(r => r.Id == id, cancellationToken);
        change(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ForecastResult NoHistory(ForecastSettings settings) => new(
        ForecastStatus.InsufficientHistory,
        $"No stored history yet; a forecast needs at least {settings.MinimumHistory.TotalDays:0.#} days.",
        TimeSpan.Zero, settings.MinimumHistory, null, [], settings.IntervalLevel, null, TrendVerdict.NoTrend);

    private static double? LastFinite(RegularSeries? series)
    {
        if (series is null)
        {
            return null;
        }
        for (var i = series.Count - 1; i >= 0; i--)
        {
            if (double.IsFinite(series.Values[i]))
            {
                return series.Values[i];
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forecast run {RunId}: {Series} series, {Forecasted} forecasted, {Seconds:0.0} s")]
    private static partial void LogRun(ILogger logger, Guid runId, int series, int forecasted, double seconds);

    private sealed record ForecastInput(string Metric, string Entity, string Unit, Threshold? Threshold, RegularSeries? History, double? Current);

    private sealed record ForecastOutput(ForecastResult Result, CapacityOutlook? Outlook);
}
