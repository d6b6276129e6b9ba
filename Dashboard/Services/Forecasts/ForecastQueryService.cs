using Dashboard.Domain.Catalog;
using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Forecasting;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Services.Forecasts;

/// <summary>
/// The stored forecasts for views and the API: read from the replica through HybridCache (tag
/// "forecasts", dropped when a run finishes), ranked by what runs out first; run progress is read
/// from the primary and never cached.
/// </summary>
public sealed class ForecastQueryService(
    IDbContextFactory<ReadDbContext> reads,
    IDbContextFactory<DashboardDbContext> writes,
    ObservationHistory history,
    ReadingService readings,
    SystemStatusService status,
    HybridCache cache,
    RecentReads recent,
    TimeProvider time)
{
    public const string Tag = "forecasts";

    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(1),
        LocalCacheExpiration = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Every stored forecast, the soonest breach first; series without a date follow, those heading for a breach first, then by headroom.
    /// A burst of callers shares one computation for at most <see cref="RecentReads.MaxAge"/> (decision 032): a pass or a run in this process drops it.
    /// </summary>
    public Task<IReadOnlyList<ForecastSummary>> GetSummariesAsync(CancellationToken cancellationToken) =>
        recent.GetAsync(ForecastRunner.SummariesKey, SummariseAllAsync, cancellationToken);

    private async Task<IReadOnlyList<ForecastSummary>> SummariseAllAsync(CancellationToken cancellationToken)
    {
        var rows = await GetRowsAsync(cancellationToken);
        var names = await GetNamesAsync(cancellationToken);
        var current = (await readings.GetAllAsync(cancellationToken)).ToDictionary(r => (r.Metric, r.Entity));
        var now = time.GetUtcNow();
        var order = ForecastSeriesIds.All.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return (IReadOnlyList<ForecastSummary>)[.. rows
            .Select(r => Summarise(r, names, now) with { Now = current.GetValueOrDefault((r.Metric, r.Entity)) })
            .OrderBy(s => s.FirstBreach(now) ?? DateTimeOffset.MaxValue)
            .ThenByDescending(s => s.TrendsTowardsBreach)
            .ThenBy(s => s.Headroom ?? double.MaxValue)
            .ThenBy(s => order.GetValueOrDefault(s.Metric, int.MaxValue))
            .ThenBy(s => s.Entity, StringComparer.Ordinal)];
    }

    /// <summary>One series' forecast with its steps and the last <paramref name="historyDays"/> days of hourly history.</summary>
    public async Task<ForecastDetail?> GetDetailAsync(string metric, string entity, int historyDays, CancellationToken cancellationToken)
    {
        var rows = await GetRowsAsync(cancellationToken);
        if (rows.FirstOrDefault(r => r.Metric == metric && r.Entity == entity) is not { } row)
        {
            return null;
        }
        var names = await GetNamesAsync(cancellationToken);
        var now = time.GetUtcNow();
        var to = row.HistoryTo is { } end ? end.AddHours(1) : now;
        var past = await cache.GetOrCreateAsync($"forecast-history:{metric}:{entity}:{historyDays}:{row.RunId}", async ct =>
            (await history.GetAsync(metric, entity, to - TimeSpan.FromDays(historyDays), to, HistoryResolution.OneHour, ct))
                .SelectMany(s => s.Points).ToList(),
            Entry, [Tag], cancellationToken);
        var reading = await readings.GetAsync(metric, entity, cancellationToken);
        return new ForecastDetail(Summarise(row, names, now) with { Now = reading }, ForecastRowMapper.Points(row), past);
    }

    /// <summary>
    /// When active users reach the next growth stage, from the users forecast; null when there is
    /// no users series. <paramref name="profileUsers"/> (the business profile) is the fallback for "now".
    /// </summary>
    public async Task<StageEta?> GetStageEtaAsync(long? profileUsers, CancellationToken cancellationToken)
    {
        var rows = await GetRowsAsync(cancellationToken);
        var users = rows.Where(r => r.Metric == ForecastSeriesIds.ActiveUsers).OrderByDescending(r => r.CurrentValue).FirstOrDefault();
        long? current = users?.CurrentValue is { } cv && double.IsFinite(cv) && cv >= 0 ? (long)Math.Round(cv) : profileUsers;
        if (users is null || current is not { } now)
        {
            return profileUsers is { } p
                ? Stage(p, null, "No active-users series is stored, so there is no growth forecast. Add a Prometheus query for active_users.")
                : null;
        }
        var stages = GrowthStageCatalog.Default;
        var stage = stages.StageFor(now);
        if (stage.NextStageUsers is not { } next)
        {
            return Stage(now, null, $"{stage.Name} is the last stage.");
        }
        var result = ToResult(users);
        if (result.Status != ForecastStatus.Forecasted)
        {
            return Stage(now, null, result.Message);
        }
        var threshold = new Threshold(next, next, ThresholdDirection.AboveIsBad, "users");
        var crossing = CapacityOutlookEstimator.Estimate(result, threshold, now).Critical;
        var view = View(crossing, time.GetUtcNow());
        var message = crossing.Kind switch
        {
            CrossingKind.Expected => $"Expected to reach {next:N0} users around {crossing.Expected:MMM d, yyyy}.",
            CrossingKind.NoTrend => "Users are not growing measurably; no stage change is forecast.",
            CrossingKind.NotWithinHorizon => $"Not forecast to reach {next:N0} users within the forecast horizon.",
            _ => result.Message,
        };
        return Stage(now, view, message);

        StageEta Stage(long count, CrossingView? eta, string message)
        {
            var s = GrowthStageCatalog.Default.StageFor(count);
            var nextStage = GrowthStageCatalog.Default.NextAfter(s);
            return new StageEta(s.Name, count, nextStage?.Name, s.NextStageUsers, eta, message);
        }
    }

    /// <summary>The latest run (for the progress bar), from the primary.</summary>
    public async Task<ForecastRunView?> GetLatestRunAsync(CancellationToken cancellationToken)
    {
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var run = await db.ForecastRuns.AsNoTracking().OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        return run is null ? null : View(run);
    }

    /// <summary>One run, from the primary.</summary>
    public async Task<ForecastRunView?> GetRunAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await writes.CreateDbContextAsync(cancellationToken);
        var run = await db.ForecastRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? null : View(run);
    }

    /// <summary>The stored row as the Domain result (for estimators that need it).</summary>
    public static ForecastResult ToResult(ForecastRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var status = Enum.Parse<ForecastStatus>(row.Status);
        var model = row.ModelKind is { } kind
            ? new ForecastModel(Enum.Parse<ForecastModelKind>(kind), row.SeasonLength, row.Parameters, row.Aicc ?? double.NaN, row.ResidualStandardDeviation ?? double.NaN)
            : null;
        var accuracy = ForecastRowMapper.Accuracy(row);
        return new ForecastResult(status, row.Message, TimeSpan.FromSeconds(row.HistoryUsedSeconds), TimeSpan.FromSeconds(row.HistoryRequiredSeconds),
            model, ForecastRowMapper.Points(row), row.IntervalLevel, accuracy, Enum.Parse<TrendVerdict>(row.Trend));
    }

    /// <summary>
    /// The rows of the latest successful run. The cache key carries that run's id (read from the
    /// primary), and a replica that has not caught up with the run yet is bypassed for the primary,
    /// so a finished run is never hidden behind a stale cached copy.
    /// </summary>
    internal async Task<IReadOnlyList<ForecastRow>> GetRowsAsync(CancellationToken cancellationToken)
    {
        // Only resources that exist now: a deleted one's rows may linger in a cached copy or on a lagging replica.
        var known = await GetNamesAsync(cancellationToken);
        return [.. (await GetStoredRowsAsync(cancellationToken)).Where(r => known.ContainsKey(r.Metric))];
    }

    // One HybridCache read (a 19 KB deserialization) a second, shared by every caller (decision 032).
    private Task<IReadOnlyList<ForecastRow>> GetStoredRowsAsync(CancellationToken cancellationToken) =>
        recent.GetAsync(ForecastRunner.RowsKey, ReadStoredRowsAsync, cancellationToken);

    private async Task<IReadOnlyList<ForecastRow>> ReadStoredRowsAsync(CancellationToken cancellationToken)
    {
        // The newest run from the primary, one read a second shared by every caller (decision 032).
        var latest = await recent.GetAsync(ForecastRunner.LatestSucceededKey, async ct =>
        {
            await using var primary = await writes.CreateDbContextAsync(ct);
            return await primary.ForecastRuns.AsNoTracking()
                .Where(r => r.State == nameof(ForecastRunState.Succeeded))
                .OrderByDescending(r => r.FinishedAt)
                .Select(r => (Guid?)r.Id)
                .FirstOrDefaultAsync(ct);
        }, cancellationToken);
        return await cache.GetOrCreateAsync($"forecasts:all:{latest}", async ct =>
        {
            await using (var db = await reads.CreateDbContextAsync(ct))
            {
                var rows = await Rows(db, ct);
                if (latest is null || rows.Any(r => r.RunId == latest))
                {
                    return rows;
                }
            }
            await using var fresh = await writes.CreateDbContextAsync(ct);
            return await Rows(fresh, ct);
        }, Entry, [Tag], cancellationToken);

        static Task<List<ForecastRow>> Rows(DashboardDbContext db, CancellationToken ct) =>
            db.Forecasts.AsNoTracking().OrderBy(f => f.Metric).ThenBy(f => f.Entity).ToListAsync(ct);
    }

    // From the catalog (written through from the primary on every change), so a deleted resource's name is gone at once.
    private async Task<IReadOnlyDictionary<string, string>> GetNamesAsync(CancellationToken cancellationToken)
    {
        var names = (await status.GetCatalogAsync(cancellationToken)).ToDictionary(m => m.MetricId, m => m.Name, StringComparer.Ordinal);
        names[ForecastSeriesIds.ActiveUsers] = "Active users";
        return names;
    }

    private static ForecastSummary Summarise(ForecastRow row, IReadOnlyDictionary<string, string> names, DateTimeOffset now) => new(
        row.Metric, names.GetValueOrDefault(row.Metric, row.Metric), row.Entity, row.Unit, row.Status, row.Message, row.CurrentValue,
        row.ModelKind, row.SeasonLength, row.Parameters, row.Trend, row.IntervalLevel, row.Smape, row.Mase, row.BacktestOrigins,
        View(ForecastRowMapper.Crossing(row.Warning), now) is { } warning ? warning with { Move = MoveView.Of(ForecastRowMapper.Move(row.Warning)) } : null,
        View(ForecastRowMapper.Crossing(row.Critical), now) is { } critical ? critical with { Move = MoveView.Of(ForecastRowMapper.Move(row.Critical)) } : null,
        row.ComputedAt, row.HistoryFrom, row.HistoryTo,
        row.PointsStart is { } start && row.Expected.Length > 0 ? start + TimeSpan.FromSeconds(row.PointsStepSeconds * (row.Expected.Length - 1)) : null)
    {
        HistoryUsedSeconds = row.HistoryUsedSeconds,
        HistoryRequiredSeconds = row.HistoryRequiredSeconds,
        Skill = ForecastSkill.Describe(ForecastRowMapper.Accuracy(row)),
        SkillBrief = ForecastSkill.Brief(ForecastRowMapper.Accuracy(row)),
        OffByPercent = row.OffByPercent,
        ReferenceOffByPercent = row.ReferenceOffByPercent,
    };

    private static CrossingView? View(ThresholdCrossing? crossing, DateTimeOffset now) =>
        crossing is null
            ? null
            : new CrossingView(crossing.Kind.ToString(), crossing.Level, crossing.Expected, crossing.Earliest, crossing.Latest, crossing.Actionable,
                crossing.Kind == CrossingKind.AlreadyPast ? 0 : crossing.Expected is { } e ? Math.Max(0, (e - now).TotalDays) : null);

    private static ForecastRunView View(ForecastRunRow run) => new(
        run.Id, run.State, run.RequestedBy, run.RequestedAt, run.StartedAt, run.FinishedAt,
        run.SeriesTotal, run.SeriesDone, run.SeriesForecasted, run.SeriesPerSecond, run.Error);
}
