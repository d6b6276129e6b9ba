using Dashboard.Domain.Health;
using System.Globalization;
using System.Security.Claims;
using Dashboard.Domain.Advice;
using Dashboard.Domain.Business;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Forecasting;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Forecasting;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage;
using Dashboard.Domain.Series;
using Dashboard.Services.Forecasts;
using Dashboard.Services.Signals;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Services;

/// <summary>
/// The owner's questions answered from stored data, every figure computed by Dashboard.Domain:
/// uptime over the SLO window and the error budget from the stored <c>uptime</c> series (its
/// readings are the share of time up; error ratio = 1 - uptime), burn rates per multi-window
/// tier from the same series, the soonest forecast breach, growth stage and budget fit, and
/// scaling mistakes from measured signals. Money (from MRR) is added only for a caller whose
/// business profile carries revenue, i.e. an owner. Decision 011 explains the choices.
/// </summary>
public sealed class BusinessSummaryService(
    BusinessProfileService profiles,
    ForecastQueryService forecasts,
    ObservationHistory history,
    SignalsSnapshotService signals,
    SourceStatusTracker sources,
    SystemStatusService status,
    HybridCache cache,
    TimeProvider time)
{
    public const string CacheTag = "business-summary";
    public const int WindowDays = 30;


    /// <summary>The window of the headline burn rate: the fastest page tier's long window.</summary>
    public static readonly TimeSpan HeadlineBurnWindow = TimeSpan.FromHours(1);

    /// <summary>Uptime moves of at most this many percentage points between weeks are "steady".</summary>
    public const double TrendTolerancePoints = 0.01;

    /// <summary>Below this share of the 30 days covered, the uptime card is partial.</summary>
    public const double CompleteCoverage = 0.9;

    private const string Series = MetricIds.Uptime;
    private const string ThirtyDays = "30 d";
    private const string ThisWeek = "this week";
    private const string LastWeek = "last week";
    private const string ThisMonth = "this month";
    private static readonly BurnRatePolicy Policy = BurnRatePolicy.ThirtyDayDefault;

    public async Task<BusinessSummary> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var profile = await profiles.GetAsync(user, cancellationToken);
        var (facts, uptime, budget) = await AvailabilityAsync(profile, cancellationToken);
        var breach = Breach(await forecasts.GetSummariesAsync(cancellationToken), now);
        var (stage, usersSource) = await StageAsync(profile, cancellationToken);
        var mistakes = await MistakesAsync(stage.Users, usersSource, cancellationToken);
        var summary = new BusinessSummary(now, uptime, budget, breach, stage, mistakes);
        // The shaped profile carries MRR for owners only: no MRR, no money section.
        return profile.IncludesRevenue && profile.MonthlyRecurringRevenueUsd is { } mrr
            ? summary with { Money = MoneyFor(Money.Of(mrr), facts, breach) }
            : summary;
    }

    /// <summary>
    /// A designer's summary (decision 027): availability, error budget and the first forecast breach of
    /// a figure designers see (latency, errors, availability, business), without its host; no stage,
    /// spend, scaling signals or money.
    /// </summary>
    public async Task<DesignerBusinessSummary> GetForDesignerAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (_, uptime, budget) = await AvailabilityAsync(await profiles.GetAsync(user, cancellationToken), cancellationToken);
        var visible = (await status.GetCatalogAsync(cancellationToken))
            .Where(m => Live.GaugeVisibility.MaySee(user, m.Category)).Select(m => m.MetricId).ToHashSet(StringComparer.Ordinal);
        var summaries = (await forecasts.GetSummariesAsync(cancellationToken)).Where(s => visible.Contains(s.Metric)).ToList();
        return new DesignerBusinessSummary(now, uptime, budget, Breach(summaries, now) with { Entity = null });
    }

    private async Task<(AvailabilityFacts Facts, UptimeView Uptime, ErrorBudgetView Budget)> AvailabilityAsync(BusinessProfileView profile, CancellationToken cancellationToken)
    {
        var slo = new Slo(Percent.Of((double)profile.SloTargetPercent));
        var facts = await cache.GetOrCreateAsync("business-summary:availability", ct => MeasureAsync(ct), tags: [CacheTag], cancellationToken: cancellationToken);
        var uptime = await UptimeAsync(facts, slo, cancellationToken);
        return (facts, uptime, Budget(facts, slo, uptime));
    }

    /// <summary>Growth stage, users, next stage and its ETA, and spend against the stage's budget.</summary>
    public async Task<StageView> GetStageAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await StageAsync(await profiles.GetAsync(user, cancellationToken), cancellationToken)).Stage;

    // ---- Availability: read once, cached briefly; every role's summary shares it.

    /// <summary>One measured window, in plain numbers (cached as JSON).</summary>
    internal sealed record WindowFact(string Name, DateTimeOffset From, DateTimeOffset To, double? UptimePercent, double Coverage, double CoveredSeconds, double DowntimeSeconds)
    {
        public static WindowFact Of(string name, UptimeWindow w) =>
            new(name, w.From, w.To, w.Uptime?.Value, w.Coverage, w.Covered.Value.TotalSeconds, w.Downtime.Value.TotalSeconds);

        public bool IsRepresentative => UptimePercent is not null && Coverage >= UptimeWindow.MinimumCoverage;

        /// <summary>The Domain's window again (the cache holds plain numbers).</summary>
        public UptimeWindow ToWindow() => new(From, To, UptimePercent is { } up ? Percent.Of(up) : null,
            Duration.Of(TimeSpan.FromSeconds(CoveredSeconds)), Duration.Of(TimeSpan.FromSeconds(DowntimeSeconds)), 0);
    }

    internal sealed record AvailabilityFacts(DateTimeOffset MeasuredAt, DateTimeOffset MonthStart, IReadOnlyList<WindowFact> Windows, DateTimeOffset? LatestReadingAt, string? SliSource)
    {
        public WindowFact this[string name] => Windows.Single(w => w.Name == name);
    }

    internal static string WindowName(TimeSpan window) =>
        window < TimeSpan.FromHours(1) ? $"{window.TotalMinutes:0} min"
        : window < TimeSpan.FromDays(1) ? $"{window.TotalHours:0} h"
        : $"{window.TotalDays:0} d";

    private async ValueTask<AvailabilityFacts> MeasureAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var monthStart = MonthlyErrorBudget.MonthOf(now);
        var thirtyDaysAgo = now.AddDays(-WindowDays);
        var earliest = new[] { thirtyDaysAgo, monthStart, now.AddDays(-14) }.Min();
        // One set of readings for every window, so windows that overlap agree and downtime only grows.
        var (readings, source) = await ReadingsAsync(Floor(earliest, TimeSpan.FromMinutes(5)), now, cancellationToken);

        var windows = new List<WindowFact>
        {
            WindowFact.Of(ThirtyDays, UptimeWindow.Measure(readings, thirtyDaysAgo, now)),
            WindowFact.Of(ThisWeek, UptimeWindow.Measure(readings, now.AddDays(-7), now)),
            WindowFact.Of(LastWeek, UptimeWindow.Measure(readings, now.AddDays(-14), now.AddDays(-7))),
            WindowFact.Of(ThisMonth, UptimeWindow.Measure(readings, monthStart, now > monthStart ? now : monthStart.AddTicks(1))),
        };
        foreach (var window in Policy.Windows)
        {
            windows.Add(WindowFact.Of(WindowName(window), UptimeWindow.Measure(readings, now - window, now)));
        }

        var latest = readings.Count > 0 ? readings.Max(x => x.Start) : (DateTimeOffset?)null;
        return new AvailabilityFacts(now, monthStart, windows, latest, source);
    }

    /// <summary>
    /// The availability readings of [from, to): 5-minute buckets from the rollup, then the raw samples
    /// after the last rolled-up bucket, every series of the SLI pooled into one timeline.
    /// Also the SLI source of the newest reading (the <c>sli</c> label: requests, probes or up).
    /// </summary>
    private async Task<(List<UptimeReading> Readings, string? Source)> ReadingsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var buckets = await history.GetAsync(Series, null, from, to.AddMinutes(1), HistoryResolution.FiveMinutes, cancellationToken);
        var raw = await history.GetAsync(Series, null, to - ObservationHistory.RawUpTo, to.AddMinutes(1), HistoryResolution.Raw, cancellationToken);
        // One signal, whatever its source label: the query's fallbacks (requests, probes, up) take turns, so the
        // series are pooled into one timeline. A 5-minute bucket several of them share is their sample-weighted
        // mean (a lone "up" sample at start-up weighs one sample, not five minutes). Only closed buckets come from
        // the rollup: the open one (rolled up part-way every minute) and any not rolled up yet come from the raw
        // samples, each standing until the next one, so the newest reading is the newest sample, not a bucket start.
        var open = Floor(to, TimeSpan.FromMinutes(5));
        var rolledTo = buckets.SelectMany(b => b.Points).Select(p => p.Time + TimeSpan.FromMinutes(5)).DefaultIfEmpty(from).Max();
        var cut = rolledTo < open ? rolledTo : open;
        var samples = buckets.SelectMany(b => b.Points)
            .Where(p => p.Time < cut && p.Count > 0 && double.IsFinite(p.Avg))
            .GroupBy(p => p.Time)
            .Select(g => (At: g.Key, Percent: g.Sum(p => p.Avg * p.Count) / g.Sum(p => p.Count)))
            .Concat(raw.SelectMany(r => r.Points).Where(p => p.Time >= cut).Select(p => (At: p.Time, Percent: p.Avg)))
            .ToList();
        var newest = raw.Concat(buckets)
            .Where(r => r.Points.Count > 0)
            .Select(r => (At: r.Points[^1].Time, r.Entity))
            .OrderByDescending(x => x.At)
            .Select(x => x.Entity)
            .FirstOrDefault();
        var readings = UptimeReading.Held(samples, DefaultQueries.AvailabilityWindow).ToList();
        return (readings, newest is not null && LabelSet.TryParse(newest, out var labels) ? labels["sli"] : null);
    }

    private static DateTimeOffset Floor(DateTimeOffset t, TimeSpan step) => new(t.UtcTicks - (t.UtcTicks % step.Ticks), TimeSpan.Zero);

    // ---- Cards.

    private async Task<UptimeView> UptimeAsync(AvailabilityFacts facts, Slo slo, CancellationToken cancellationToken)
    {
        var window = facts[ThirtyDays];
        var (thisWeek, lastWeek, month) = (facts[ThisWeek], facts[LastWeek], facts[ThisMonth]);
        var view = new UptimeView
        {
            Series = Series,
            SliSource = facts.SliSource,
            State = SourceState.Ok,
            Note = "",
            SloTargetPercent = slo.Target.Value,
            WindowDays = WindowDays,
            UptimePercent = window.UptimePercent,
            MeetsSlo = window.UptimePercent is { } up ? up >= slo.Target.Value : null,
            CoveragePercent = window.Coverage * 100,
            ThisWeekPercent = thisWeek.UptimePercent,
            LastWeekPercent = lastWeek.UptimePercent,
            Trend = thisWeek.UptimePercent is { } a && lastWeek.UptimePercent is { } b ? PeriodComparison.Of(b, a, TrendTolerancePoints).Direction : null,
            MonthStart = facts.MonthStart,
            DowntimeThisMonthMinutes = month.UptimePercent is null ? null : month.DowntimeSeconds / 60,
            MonthCoveragePercent = month.Coverage * 100,
            LatestReadingAt = facts.LatestReadingAt,
            MeasuredAt = facts.MeasuredAt,
        };
        if (window.UptimePercent is null)
        {
            return view with
            {
                State = SourceState.NoData,
                Note = $"No availability readings are stored for the last {WindowDays} days. They come from Prometheus (Prometheus:Url and the '{Series}' query: the share of requests that did not fail).",
            };
        }

        var (staleSince, reason) = await StalenessAsync(facts, cancellationToken);
        if (staleSince is not null)
        {
            return view with { State = SourceState.Stale, StaleSince = staleSince, StaleReason = reason, Note = $"Stale since {Dashboard.Components.Shared.Humanize.At(staleSince)}: {reason}" };
        }

        return window.Coverage < CompleteCoverage
            ? view with { State = SourceState.Partial, Note = $"Readings cover {window.Coverage * 100:0} % of the last {WindowDays} days; the rest is unknown, not counted as up or down." }
            : view with { Note = $"The share of {SliNoun(facts.SliSource)} that succeeded, each 5 minutes weighted by its length, over the last {WindowDays} days." };
    }

    /// <summary>Stale when Prometheus (or the availability query) fails, or the newest reading is no longer recent (<see cref="Freshness"/>).</summary>
    private async Task<(DateTimeOffset? Since, string? Reason)> StalenessAsync(AvailabilityFacts facts, CancellationToken cancellationToken)
    {
        var rows = await sources.GetAllAsync(cancellationToken);
        if (rows.FirstOrDefault(r => (r.Source == "prometheus" || r.Source == "prometheus:" + Series) && r.IsStale) is { } failing)
        {
            return (failing.StaleSince, failing.LastError);
        }

        return facts.LatestReadingAt is { } latest && !Freshness.IsRecent(latest, facts.MeasuredAt)
            ? (latest, $"no uptime reading since {Dashboard.Components.Shared.Humanize.At(latest)}{(rows.Any(r => r.Source == "prometheus") ? "" : " (no Prometheus source has reported)")}")
            : (null, null);
    }

    private static ErrorBudgetView Budget(AvailabilityFacts facts, Slo slo, UptimeView uptime)
    {
        var month = facts[ThisMonth];
        var ratios = Policy.Windows
            .Select(w => (Window: w, Fact: facts[WindowName(w)]))
            .Where(x => x.Fact.IsRepresentative)
            .ToDictionary(x => x.Window, x => 1 - (x.Fact.UptimePercent!.Value / 100));
        var tiers = Policy.Read(slo, ratios);
        var urgency = Policy.Evaluate(slo, ratios).Urgency;
        // The month's budget, spent as downtime: what is spent stays spent (decision 020).
        var budget = month.UptimePercent is null ? null : MonthlyErrorBudget.Of(slo, month.ToWindow());
        var allowed = Duration.Of((facts.MonthStart.AddMonths(1) - facts.MonthStart) * slo.ErrorBudgetRatio);
        double? burn = ratios.TryGetValue(HeadlineBurnWindow, out var ratio) ? BurnRate.Of(slo, ratio) : null;
        var missing = Policy.Windows.Where(w => !ratios.ContainsKey(w)).Select(WindowName).ToList();
        var (state, note) = budget is null
            ? (SourceState.NoData, uptime.Note)
            : uptime.State == SourceState.Stale ? (SourceState.Stale, uptime.Note)
            : missing.Count > 0 ? (SourceState.Partial, $"Not enough availability readings for the {string.Join(", ", missing)} window(s) (under {UptimeWindow.MinimumCoverage:P0} covered): their tiers cannot fire.")
            : (SourceState.Ok, $"Burn rate = the failed share of {SliNoun(facts.SliSource)} over each window ÷ the SLO's budget of {slo.ErrorBudgetRatio * 100:0.###} %.");
        return new ErrorBudgetView
        {
            Series = Series,
            SliSource = facts.SliSource,
            State = state,
            Note = note,
            BudgetWindow = ThisMonth,
            MonthStart = facts.MonthStart,
            MonthEnd = facts.MonthStart.AddMonths(1),
            AllowedDowntimeMinutes = allowed.Value.TotalMinutes,
            DowntimeMinutes = budget?.Spent.Value.TotalMinutes,
            RemainingPercent = budget?.Remaining * 100,
            Exhausted = budget?.IsExhausted,
            BurnRateWindow = WindowName(HeadlineBurnWindow),
            BurnRate = burn,
            HoursToExhaustion = budget is not null && burn is { } b ? budget.TimeToExhaustion(b)?.TotalHours : null,
            Urgency = urgency?.ToString() ?? "None",
            Tiers = [.. tiers.Select(t => new BurnTierView(
                t.Tier.Urgency.ToString(), WindowName(t.Tier.LongWindow), WindowName(t.Tier.ShortWindow), t.Tier.Factor,
                t.LongBurnRate, t.ShortBurnRate, t.Firing, t.Tier.BudgetConsumedWhenFiring(slo) * 100))],
            Windows = [.. facts.Windows.Select(w => new WindowView(w.Name, w.UptimePercent, w.Coverage * 100))],
        };
    }

    /// <summary>What the availability SLI counts, in words, by its source label.</summary>
    public static string SliNoun(string? source) => source switch
    {
        "probes" => "blackbox probes",
        "up" => "scrape targets (a fallback: no request or probe metrics found)",
        _ => "requests (5xx answers are failures)",
    };

    /// <summary>The soonest warning or critical crossing of any stored forecast (already past counts as now).</summary>
    internal static BreachView Breach(IReadOnlyList<ForecastSummary> summaries, DateTimeOffset now)
    {
        if (summaries.Count == 0)
        {
            return new BreachView { State = SourceState.NoData, Note = "No forecasts are stored yet; the forecast job runs every hour." };
        }

        var first = summaries
            .SelectMany(s => new[] { (Summary: s, Level: "critical", Crossing: s.Critical), (Summary: s, Level: "warning", Crossing: s.Warning) })
            // "Already past" is judged by the reading now, not by the fit's last hourly point (a spike an hour ago is not a breach now).
            .Where(x => x.Crossing is { } c && (c.Kind == nameof(CrossingKind.AlreadyPast) ? x.Summary.StillPast(c) : c.Expected is not null))
            .Select(x => (x.Summary, x.Level, Crossing: x.Crossing!, At: x.Crossing!.Kind == nameof(CrossingKind.AlreadyPast) ? now : x.Crossing.Expected!.Value))
            .OrderBy(x => x.At)
            .ThenBy(x => x.Level == "critical" ? 0 : 1)
            .FirstOrDefault();
        var computedAt = summaries.Max(s => s.ComputedAt);
        if (first.Summary is null)
        {
            return new BreachView { State = SourceState.Ok, Note = "No stored forecast reaches a warning or critical level within its horizon.", ForecastComputedAt = computedAt };
        }

        var (summary, level, crossing, at) = first;
        var past = crossing.Kind == nameof(CrossingKind.AlreadyPast);
        var threshold = Dashboard.Components.Shared.Humanize.Value(crossing.Level, summary.Unit);
        var when = past ? "has already crossed it" : $"is expected to cross it around {at:MMM d, yyyy}" +
            (crossing.Earliest is { } e && crossing.Latest is { } l ? $" (between {e:MMM d} and {l:MMM d})" : "");
        return new BreachView
        {
            State = SourceState.Ok,
            Note = $"{summary.Name}: {level} level {threshold}; it {when}.",
            Metric = summary.Metric,
            Name = summary.Name,
            Entity = summary.Entity,
            Level = level,
            Threshold = crossing.Level,
            Unit = summary.Unit,
            ExpectedAt = at,
            Earliest = crossing.Earliest,
            Latest = crossing.Latest,
            AlreadyPast = past,
            ForecastComputedAt = computedAt,
        };
    }

    private static MoneyView MoneyFor(Money mrr, AvailabilityFacts facts, BreachView breach)
    {
        var month = facts[ThisMonth];
        var risk = breach.ExpectedAt is { } at ? BreachRisk.Estimate(mrr, at) : null;
        var outage = $"{BreachRisk.DefaultOutage.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h";
        return new MoneyView
        {
            MrrUsd = mrr.Amount,
            Priced = mrr > Money.Zero,
            OutageCostPerHourUsd = Cents(OutageCost.PerHour(mrr)),
            DowntimeCostThisMonthUsd = month.UptimePercent is null ? null : Cents(OutageCost.Of(mrr, Duration.Of(TimeSpan.FromSeconds(month.DowntimeSeconds)))),
            RevenueAtRiskUsd = risk is null ? null : Cents(risk.AtRisk),
            AssumedOutageMinutes = BreachRisk.DefaultOutage.Value.TotalMinutes,
            RevenueAtRiskAssumption = breach.Name is { } name
                ? $"Assumes that when {name} {(breach.AlreadyPast ? "has crossed" : "crosses")} its {breach.Level} level the service is fully down for {outage} " +
                  $"(time to notice and add capacity), priced at MRR ÷ 730 per hour. Each further hour costs the same again; lost trust is not priced."
                : "No forecast breach is expected, so no revenue is at risk from one.",
        };

        static decimal Cents(Money m) => Math.Round(m.Amount, 2);
    }

    private async Task<(StageView Stage, string UsersSource)> StageAsync(BusinessProfileView profile, CancellationToken cancellationToken)
    {
        var rows = await forecasts.GetRowsAsync(cancellationToken);
        var usersRow = rows.Where(r => r.Metric == ForecastSeriesIds.ActiveUsers).OrderByDescending(r => r.CurrentValue).FirstOrDefault();
        var measured = usersRow?.CurrentValue is { } v && double.IsFinite(v) && v >= 0;
        var eta = await forecasts.GetStageEtaAsync(profile.ActiveUsers, cancellationToken);
        var users = eta?.CurrentUsers ?? profile.ActiveUsers;
        var source = measured
            ? $"the measured count of active users (latest {Dashboard.Components.Shared.Humanize.At(usersRow!.HistoryTo)})"
            : "the business profile";
        var spend = profile.MonthlyInfraSpendUsd > 0 ? Money.Of(profile.MonthlyInfraSpendUsd) : (Money?)null;
        var assessment = StageAssessment.Assess(GrowthStageCatalog.Default, users, spend);
        var stage = assessment.Stage;
        return (new StageView
        {
            Stage = stage.Name,
            StageId = stage.Id.ToString(),
            Users = users,
            UsersSource = source,
            StageMinUsers = stage.MinUsers,
            PrimaryStrategy = stage.PrimaryStrategy,
            BudgetMinUsd = stage.Budget.Min.Amount,
            BudgetMaxUsd = stage.Budget.Max.Amount,
            BudgetOpenEnded = stage.Budget.IsOpenEnded,
            MonthlyInfraSpendUsd = spend?.Amount,
            BudgetFit = assessment.BudgetFit?.ToString(),
            NextStage = assessment.NextStage?.Name,
            NextStageUsers = assessment.NextStage?.MinUsers,
            UsersToNextStage = assessment.UsersToNextStage,
            NextStageEta = eta?.Crossing,
            EtaMessage = eta?.Message ?? "No users figure is known.",
        }, source);
    }

    private async Task<ScalingMistakesView> MistakesAsync(long users, string usersSource, CancellationToken cancellationToken)
    {
        var snapshot = await signals.ReadAsync(cancellationToken);
        return Mistakes(snapshot with { ActiveUsers = new SignalFact<long>(users, usersSource) });
    }

    /// <summary>
    /// The mistakes card from one signals snapshot (the one the checklist and the decision path read):
    /// what was found, what could not be checked and why, and every signal with its provenance.
    /// </summary>
    internal static ScalingMistakesView Mistakes(SignalsSnapshot snapshot)
    {
        var measured = snapshot.ToScalingSignals();
        var detected = ScalingMistakeDetector.Detect(measured, GrowthStageCatalog.Default);
        var notChecked = ScalingMistakeDetector.Check(measured).Where(c => !c.IsChecked).ToList();
        var total = Enum.GetValues<ScalingMistakeId>().Length;
        var note = notChecked.Count == 0
            ? $"All {total} common mistakes were checked against measured signals."
            : $"{total - notChecked.Count} of {total} common mistakes could be checked; the others need signals the dashboard does not measure yet (listed as unknown, not as fine).";
        return new ScalingMistakesView
        {
            State = notChecked.Count == 0 ? SourceState.Ok : SourceState.Partial,
            Note = note,
            Total = total,
            Checked = total - notChecked.Count,
            Detected = [.. detected.Select(m => new MistakeView(m.Id.ToString(), m.Mistake, m.Instead, [.. m.Evidence.Select(e => new EvidenceView(e.Signal, e.Finding))]))],
            NotChecked = [.. notChecked.Select(c => new UncheckedMistakeView(c.Id.ToString(), c.Mistake, c.Instead, c.UnknownSignals))],
            Signals = [.. snapshot.Listing().Select(l => new SignalView(l.Signal, l.Known, l.Value, l.Provenance))],
        };
    }
}
