using System.Security.Claims;
using Dashboard.Components.Live;
using Dashboard.Components.Shared;
using Dashboard.Domain.Business;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage;

namespace Dashboard.Services.Designer;

/// <summary>
/// Page latency and its conversion cost for designers: trends from the stored series (all
/// traffic: the catalog's p50/p99; per route: the per-route series ingestion stores), the budget
/// verdict from the thresholds in force, and the Domain's conversion estimate. Money comes only
/// from the owner-shaped business profile, so non-owners never get it.
/// </summary>
public sealed class DesignerService(
    ObservationHistory history,
    SystemStatusService status,
    BusinessProfileService profiles,
    SourceStatusTracker sources,
    Dashboard.Jobs.Readings.ReadingService readings,
    TimeProvider time)
{
    /// <summary>The ranges the view offers.</summary>
    public static readonly IReadOnlyList<TimeSpan> Ranges = [TimeSpan.FromHours(6), TimeSpan.FromHours(24), TimeSpan.FromDays(7)];

    /// <summary>How far back the latest per-route reading is looked for.</summary>
    public static readonly TimeSpan CurrentWindow = TimeSpan.FromMinutes(10);

    public const string AllPages = "all pages";

    public async Task<LatencyReport> GetLatencyAsync(TimeSpan range, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = now - range;
        var to = now.AddMinutes(1);
        var budget = await GetBudgetAsync(cancellationToken);
        // Chosen on the range itself (not the extra minute that catches the newest point): 7 days stays at 5 minutes.
        var resolution = ObservationHistory.Choose(from, now, DateTimeOffset.MinValue);

        var p50 = await history.GetAsync(MetricIds.LatencyP50, null, from, to, resolution, cancellationToken);
        var p99 = await history.GetAsync(MetricIds.LatencyP99, null, from, to, resolution, cancellationToken);
        var routeP50 = await history.GetAsync(DefaultQueries.RouteLatencyP50, null, from, to, resolution, cancellationToken);
        var routeP99 = await history.GetAsync(DefaultQueries.RouteLatencyP99, null, from, to, resolution, cancellationToken);
        var recentP50 = await history.GetAsync(DefaultQueries.RouteLatencyP50, null, now - CurrentWindow, to, HistoryResolution.Raw, cancellationToken);
        var recentP99 = await history.GetAsync(DefaultQueries.RouteLatencyP99, null, now - CurrentWindow, to, HistoryResolution.Raw, cancellationToken);
        var problem = await SourceProblemAsync(cancellationToken);

        var overall = Overall(budget, Merge(p50), Merge(p99), await readings.GetGaugesAsync(cancellationToken));
        var routes = routeP50.Select(s => s.Entity).Union(routeP99.Select(s => s.Entity), StringComparer.Ordinal)
            .Select(entity => Route(entity, routeP50, routeP99, Latest(recentP50, entity), Latest(recentP99, entity), budget, problem, now))
            .OrderBy(r => r.Verdict)
            .ThenBy(r => r.Route, StringComparer.Ordinal)
            .ToList();
        var since = routeP50.Concat(routeP99).SelectMany(s => s.Points).Select(p => (DateTimeOffset?)p.Time).Min();
        return new LatencyReport
        {
            From = from,
            To = now,
            Resolution = resolution,
            Budget = budget,
            Overall = overall,
            Routes = routes,
            RoutesSince = since,
            SourceProblem = problem,
        };
    }

    /// <summary>The conversion cost of the current p50 against the profile's baseline; money only for owners.</summary>
    public async Task<ConversionView> GetConversionAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(user, cancellationToken);
        var gauge = CurrentGauge(await readings.GetGaugesAsync(cancellationToken), MetricIds.LatencyP50);
        return Conversion(profile, gauge);
    }

    /// <summary>The estimate from a role-shaped profile and the live p50 gauge (pure; the view's cards are tested on it).</summary>
    public static ConversionView Conversion(BusinessProfileView profile, GaugeSnapshot? p50)
    {
        var revenue = profile.IncludesRevenue;
        if (profile.ConversionBaselineLatencyMs is not { } baseline)
        {
            return new ConversionView { State = ConversionState.NoBaseline, IncludesRevenue = revenue };
        }
        if (p50?.Value is not { } observed || !double.IsFinite(observed))
        {
            return new ConversionView { State = ConversionState.NoData, BaselineMs = baseline, IncludesRevenue = revenue };
        }
        var stale = p50.Status is not (HealthStatus.Ok or HealthStatus.Warning or HealthStatus.Critical);
        var perConversion = revenue && profile.RevenuePerConversionUsd is > 0 and { } rpc ? Money.Of(rpc) : (Money?)null;
        var impact = ConversionImpact.Estimate(
            Duration.Of(TimeSpan.FromMilliseconds(baseline)),
            Duration.Of(TimeSpan.FromMilliseconds(Math.Max(0, observed))),
            ConversionView.PerConversions,
            perConversion);
        return new ConversionView
        {
            State = stale ? ConversionState.Stale : ConversionState.Measured,
            BaselineMs = baseline,
            ObservedMs = observed,
            ObservedAt = p50.SampledAt,
            ExtraMs = impact.ExtraLatency.Value.TotalMilliseconds,
            LostPercent = impact.LostShare.Value,
            LostConversions = impact.LostConversions,
            LostRevenue = revenue ? impact.LostRevenue?.Amount : null,
            IncludesRevenue = revenue,
            RevenueNote = !revenue ? null
                : profile.RevenuePerConversionUsd is null ? "Revenue per conversion is not set in Settings, so the cost has no money figure."
                : profile.RevenuePerConversionUsd <= 0 ? "Revenue per conversion is $0 in Settings, so the cost has no money figure."
                : null,
            StaleReason = stale ? StaleLine(p50) : null,
        };
    }

    /// <summary>A route's (or all traffic's) verdict against the budget, with the reason in words.</summary>
    public static RouteLatency Judged(RouteLatency route, LatencyBudget budget, string? staleReason)
    {
        if (route.P50Now is null && route.P99Now is null)
        {
            return route with
            {
                Verdict = staleReason is null ? BudgetVerdict.NoData : BudgetVerdict.Stale,
                Summary = staleReason is null ? "no requests measured in the last 10 minutes" : "stale · " + staleReason,
            };
        }
        if (staleReason is not null)
        {
            var since = route.SampledAt is { } at ? $"stale since {GaugeFormat.Clock(at, seconds: false)}" : "stale";
            return route with { Verdict = BudgetVerdict.Stale, Summary = $"{since} · {staleReason}" };
        }
        var over = new List<string>();
        var within = new List<string>();
        foreach (var (name, value, threshold) in new[] { ("p50", route.P50Now, budget.P50), ("p99", route.P99Now, budget.P99) })
        {
            if (value is not { } v || !double.IsFinite(v))
            {
                within.Add($"{name} not measured");
            }
            else if (threshold.Classify(v) != ThresholdBreach.None)
            {
                over.Add($"{name} {Humanize.Value(v, threshold.Unit)} is over its {Humanize.Value(threshold.Warning, threshold.Unit)} budget");
            }
            else
            {
                within.Add($"{name} {Humanize.Value(v, threshold.Unit)} ≤ {Humanize.Value(threshold.Warning, threshold.Unit)}");
            }
        }
        return over.Count > 0
            ? route with { Verdict = BudgetVerdict.Fail, Summary = string.Join("; ", over) }
            : route with { Verdict = BudgetVerdict.Pass, Summary = "within budget: " + string.Join(", ", within) };
    }

    private static RouteLatency Route(
        string entity,
        IReadOnlyList<SeriesHistory> p50,
        IReadOnlyList<SeriesHistory> p99,
        (DateTimeOffset At, double Value)? latest50,
        (DateTimeOffset At, double Value)? latest99,
        LatencyBudget budget,
        string? problem,
        DateTimeOffset now)
    {
        var at = Max(latest50?.At, latest99?.At);
        var staleReason = at switch
        {
            null => problem,
            { } t when !Freshness.IsRecent(t, now) => problem ?? $"last sample at {GaugeFormat.Clock(t)}",
            _ => null,
        };
        var route = new RouteLatency
        {
            Route = GaugeFormat.ShortEntity(entity),
            Entity = entity,
            P50 = UpToNewest(Points(p50, entity), latest50),
            P99 = UpToNewest(Points(p99, entity), latest99),
            P50Now = latest50?.Value,
            P99Now = latest99?.Value,
            SampledAt = at,
            Verdict = BudgetVerdict.NoData,
            Summary = "",
        };
        return Judged(route, budget, staleReason);
    }

    private static RouteLatency Overall(LatencyBudget budget, IReadOnlyList<(DateTimeOffset, double)> p50, IReadOnlyList<(DateTimeOffset, double)> p99, GaugeBatch? latest)
    {
        var g50 = CurrentGauge(latest, MetricIds.LatencyP50);
        var g99 = CurrentGauge(latest, MetricIds.LatencyP99);
        var route = new RouteLatency
        {
            Route = AllPages,
            Entity = "",
            P50 = UpToNewest(p50, g50 is { Value: { } v50, SampledAt: { } at50 } ? (at50, v50) : null),
            P99 = UpToNewest(p99, g99 is { Value: { } v99, SampledAt: { } at99 } ? (at99, v99) : null),
            P50Now = g50?.Value,
            P99Now = g99?.Value,
            SampledAt = Max(g50?.SampledAt, g99?.SampledAt),
            Verdict = BudgetVerdict.NoData,
            Summary = "",
        };
        var stale = new[] { g50, g99 }.FirstOrDefault(g => g?.Status == HealthStatus.Stale);
        if (latest is null)
        {
            return route with { Summary = "no ingest pass has stored a reading yet" };
        }
        return Judged(route, budget, stale is null ? null : stale.StaleReason ?? "source stale");
    }

    /// <summary>The live gauge of the monitored application for a latency metric (its own series first).</summary>
    private static GaugeSnapshot? CurrentGauge(GaugeBatch? latest, string metric) =>
        latest?.Gauges.Where(g => g.MetricId == metric)
            .OrderBy(g => GaugeFormat.IsApplication(g.Entity) || g.Entity.Length == 0 ? 0 : 1)
            .ThenByDescending(g => g.SampledAt)
            .FirstOrDefault();

    private static string StaleLine(GaugeSnapshot gauge)
    {
        var since = gauge.Since ?? gauge.SampledAt;
        var head = since is { } at ? $"stale since {GaugeFormat.Clock(at, seconds: false)}" : "stale";
        return string.IsNullOrWhiteSpace(gauge.StaleReason) ? head : $"{head} · {gauge.StaleReason}";
    }

    private async Task<LatencyBudget> GetBudgetAsync(CancellationToken cancellationToken)
    {
        var settings = await status.GetCatalogAsync(cancellationToken);
        Threshold For(string id) =>
            settings.FirstOrDefault(m => m.MetricId == id)?.ToThreshold() ?? MetricCatalog.Default.Get(id).Threshold;
        return new LatencyBudget(For(MetricIds.LatencyP50), For(MetricIds.LatencyP99));
    }

    private async Task<string?> SourceProblemAsync(CancellationToken cancellationToken)
    {
        var all = await sources.GetAllAsync(cancellationToken);
        var failing = all.FirstOrDefault(s => s.IsStale && (s.Source == PrometheusIngestJob.Source
            || s.Source == $"{PrometheusIngestJob.Source}:{DefaultQueries.RouteLatencyP50}"
            || s.Source == $"{PrometheusIngestJob.Source}:{DefaultQueries.RouteLatencyP99}"));
        return failing is null ? null : $"Prometheus stale since {GaugeFormat.Clock(failing.StaleSince!.Value, seconds: false)}: {failing.LastError}";
    }

    /// <summary>All series of a metric as one line: where several report the same time, the slowest is drawn.</summary>
    private static IReadOnlyList<(DateTimeOffset, double)> Merge(IReadOnlyList<SeriesHistory> series) =>
        [.. series.SelectMany(s => s.Points)
            .Where(p => double.IsFinite(p.Avg))
            .GroupBy(p => p.Time)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Max(p => p.Avg)))];

    private static IReadOnlyList<(DateTimeOffset, double)> Points(IReadOnlyList<SeriesHistory> series, string entity) =>
        [.. series.Where(s => s.Entity == entity).SelectMany(s => s.Points).Where(p => double.IsFinite(p.Avg)).Select(p => (p.Time, p.Avg))];

    private static (DateTimeOffset At, double Value)? Latest(IReadOnlyList<SeriesHistory> series, string entity) =>
        series.Where(s => s.Entity == entity).SelectMany(s => s.Points).Where(p => double.IsFinite(p.Avg))
            .OrderByDescending(p => p.Time).Select(p => ((DateTimeOffset, double)?)(p.Time, p.Avg)).FirstOrDefault();

    /// <summary>
    /// The trend with the newest sample after its last bucket: a bucket is drawn at its start, so a 5-minute trend
    /// stopped up to ten minutes before now while the page's figure said "now" (issue 16, item 6).
    /// </summary>
    internal static IReadOnlyList<(DateTimeOffset, double)> UpToNewest(IReadOnlyList<(DateTimeOffset, double)> trend, (DateTimeOffset At, double Value)? newest) =>
        newest is { } n && double.IsFinite(n.Value) && (trend.Count == 0 || n.At > trend[^1].Item1) ? [.. trend, (n.At, n.Value)] : trend;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
