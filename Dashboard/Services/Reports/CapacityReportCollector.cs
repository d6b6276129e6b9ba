using Dashboard.Domain.Business;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Forecasting;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Storage;
using Dashboard.Services.Forecasts;

namespace Dashboard.Services.Reports;

/// <summary>
/// Gathers a capacity report's content from the same services the views use (ranked forecasts,
/// stage ETA, what-if, live gauges, business profile), reporting progress after each step. Money is
/// read only for the owner audience, through a principal in the owner role.
/// </summary>
public sealed class CapacityReportCollector(
    ForecastQueryService forecasts,
    WhatIfService whatIf,
    BusinessProfileService profiles,
    SystemStatusService status,
    ObservationHistory history,
    TimeProvider time)
{
    /// <summary>How many of the top resources get a chart.</summary>
    public const int ChartCount = 3;

    /// <summary>Days of history drawn before each forecast.</summary>
    public const int ChartHistoryDays = 30;

    /// <summary>A live batch older than this is not "current"; the stored values are used instead.</summary>
    public static readonly TimeSpan LiveFreshFor = TimeSpan.FromMinutes(10);

    /// <summary>A progress report: percent done (0-100) and what is being done, in words.</summary>
    public delegate Task Progress(int percent, string step);

    public async Task<CapacityReport> CollectAsync(ReportAudience audience, string requestedBy, Progress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var now = time.GetUtcNow();

        await progress(10, "Ranking what runs out first");
        var summaries = await forecasts.GetSummariesAsync(cancellationToken);
        var series = summaries.Where(s => s.Metric != ForecastSeriesIds.ActiveUsers).ToList();
        List<ForecastSummary> ranked = [.. series.Where(s => s.IsForecasted)];
        List<ForecastSummary> waiting = [.. series.Where(s => !s.IsForecasted)];

        await progress(25, "Estimating the growth stage");
        var profile = await profiles.GetAsync(audience.Reader(), cancellationToken);
        var stage = await forecasts.GetStageEtaAsync(profile.ActiveUsers, cancellationToken);

        await progress(40, "Projecting 3x and 10x load");
        var what = await ProjectAsync(cancellationToken);

        await progress(55, "Reading current saturation");
        var saturation = await SaturationAsync(summaries, now, cancellationToken);

        var charts = new List<ForecastDetail>();
        var top = ranked.Take(ChartCount).ToList();
        for (var i = 0; i < top.Count; i++)
        {
            await progress(60 + (i * 8), $"Drawing forecast chart {i + 1} of {top.Count}");
            if (await forecasts.GetDetailAsync(top[i].Metric, top[i].Entity, ChartHistoryDays, cancellationToken) is { } detail)
            {
                charts.Add(detail);
            }
        }

        ReportMoney? money = null;
        if (audience == ReportAudience.Owner)
        {
            await progress(85, "Pricing downtime");
            money = await MoneyAsync(profile, stage, now, cancellationToken);
        }
        return new CapacityReport(audience, requestedBy, now, ranked, waiting, charts, stage, what, saturation, money);
    }

    private async Task<ReportWhatIf> ProjectAsync(CancellationToken cancellationToken)
    {
        try
        {
            return new ReportWhatIf(await whatIf.ProjectAsync(3, cancellationToken), await whatIf.ProjectAsync(10, cancellationToken), null);
        }
        catch (DomainValidationException ex)
        {
            return new ReportWhatIf(null, null, ex.Message);
        }
    }

    // Live gauges when the feed is fresh (the worst entity of each saturation metric); otherwise the
    // last values the forecast run stored, judged against the thresholds in force.
    private async Task<ReportSaturation> SaturationAsync(IReadOnlyList<ForecastSummary> summaries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var catalog = (await status.GetCatalogAsync(cancellationToken))
            .Where(m => m.Category == nameof(MetricCategory.Saturation))
            .ToList();
        if (await status.GetGaugesAsync(cancellationToken) is { } batch && now - batch.PublishedAt <= LiveFreshFor)
        {
            var lines = catalog
                .Select(m => batch.Gauges.Where(g => g.MetricId == m.MetricId).OrderBy(Severity).ThenByDescending(g => Badness(g.Value, g.Direction)).FirstOrDefault())
                .Where(g => g is not null)
                .Select(g => new SaturationLine(g!.MetricId, g.Name, g.Entity, g.Unit, g.Value, g.Status, g.Warning, g.Critical, g.SampledAt, g.StaleReason))
                .ToList();
            if (lines.Count > 0)
            {
                return new ReportSaturation(lines, true, batch.PublishedAt);
            }
        }

        var stored = new List<SaturationLine>();
        foreach (var metric in catalog)
        {
            var threshold = metric.ToThreshold();
            var worst = summaries
                .Where(s => s.Metric == metric.MetricId && s.LastFitPoint is { } v && double.IsFinite(v))
                .OrderByDescending(s => Badness(s.LastFitPoint, threshold.Direction))
                .FirstOrDefault();
            stored.Add(worst is null
                ? new SaturationLine(metric.MetricId, metric.Name, "", metric.Unit, null, HealthStatus.NoData, metric.Warning, metric.Critical, null, null)
                : new SaturationLine(metric.MetricId, metric.Name, worst.Entity, metric.Unit, worst.LastFitPoint, Judge(threshold, worst.LastFitPoint!.Value),
                    metric.Warning, metric.Critical, worst.ComputedAt, null));
        }
        var asOf = summaries.Count > 0 ? summaries.Max(s => s.ComputedAt) : (DateTimeOffset?)null;
        return new ReportSaturation(stored, false, asOf);

        static int Severity(GaugeSnapshot g) => g.Status switch
        {
            HealthStatus.Critical => 0,
            HealthStatus.Warning => 1,
            HealthStatus.Ok => 2,
            HealthStatus.Stale => 3,
            _ => 4,
        };

        static double Badness(double? value, ThresholdDirection direction) =>
            value is not { } v ? double.MinValue : direction == ThresholdDirection.AboveIsBad ? v : -v;
    }

    private static HealthStatus Judge(Threshold threshold, double value) => threshold.Classify(value) switch
    {
        ThresholdBreach.Critical => HealthStatus.Critical,
        ThresholdBreach.Warning => HealthStatus.Warning,
        _ => HealthStatus.Ok,
    };

    private async Task<ReportMoney> MoneyAsync(BusinessProfileView profile, StageEta? stage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mrr = Money.Of(profile.MonthlyRecurringRevenueUsd ?? 0);
        var slo = new Slo(Percent.Of((double)profile.SloTargetPercent));
        var uptime = await ObservedUptimeAsync(now, cancellationToken);
        var spend = Money.Of(profile.MonthlyInfraSpendUsd);
        return new ReportMoney(
            mrr,
            OutageCost.PerHour(mrr),
            slo,
            OutageCost.Of(mrr, slo.AllowedDowntimePerMonth),
            uptime?.Uptime,
            uptime?.Over ?? TimeSpan.Zero,
            uptime is { } u ? OutageCost.RevenueAtRisk(mrr, u.Uptime) : null,
            spend,
            StageAssessment.Assess(GrowthStageCatalog.Default, stage?.CurrentUsers ?? profile.ActiveUsers, spend));
    }

    // The uptime series with the longest stored history (a live series that started minutes ago says
    // little about a month), as its sample-weighted average over up to 30 days of hourly rollups.
    private async Task<(Percent Uptime, TimeSpan Over)?> ObservedUptimeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var series = await history.GetAsync(MetricIds.Uptime, null, now - Slo.ThirtyDays, now, HistoryResolution.OneHour, cancellationToken);
        var best = series
            .Select(s => s.Points.Where(p => double.IsFinite(p.Avg) && p.Count > 0).ToList())
            .Where(points => points.Count > 0)
            .Select(points => (Hours: points.Count, Average: points.Sum(p => p.Avg * p.Count) / points.Sum(p => (double)p.Count)))
            .OrderByDescending(s => s.Hours)
            .ThenBy(s => s.Average)
            .FirstOrDefault();
        return best.Hours > 0 ? (Percent.Of(Math.Clamp(best.Average, 0, 100)), TimeSpan.FromHours(best.Hours)) : null;
    }
}
