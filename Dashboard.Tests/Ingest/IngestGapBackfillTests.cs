using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Ingest;

/// <summary>
/// A gap in the store after ingest stopped (its points gone, the watermark before them), filled by the next pass
/// from the real Prometheus: on the ingest grid, equal to what query_range says, without near-duplicates at the
/// edges, idempotent on rerun, and only up to Ingest:MaxBackfill (docs/decisions/028).
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class IngestGapBackfillTests(DashboardAppFactory app)
{
    private static readonly TimeSpan Step = IngestGrid.Step;
    private const string Metric = MetricIds.Memory;

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    [Fact]
    public async Task StoppedIngest_NextPass_BackfillsGapFromPrometheusOnGrid_NoEdgeDuplicates_RerunIdempotent()
    {
        await WithoutRecurringIngestAsync(async job =>
        {
            await job.IngestAsync(CancellationToken.None);
            var gapStart = (await WatermarkAsync()) - TimeSpan.FromMinutes(2);
            await OpenGapAsync(gapStart);

            await job.IngestAsync(CancellationToken.None);
            var pass = await WatermarkAsync();
            var truth = await PrometheusAsync(job, gapStart + Step, pass - Step);
            var stored = await StoredAsync(gapStart, pass - Step);

            Assert.NotEmpty(truth);
            Assert.Equal(truth, stored);
            var status = await StatusAsync();
            Assert.Equal(Step.TotalSeconds, status.LastBackfillStepSeconds);
            Assert.Equal((pass - gapStart - Step).TotalSeconds, status.LastBackfillSeconds);
            Assert.Equal(0, status.LastBackfillSkippedSeconds);
            // Around both edges (the last point before the gap, the pass after it): one point per series per grid step.
            var edges = await StoredRowsAsync(gapStart - TimeSpan.FromMinutes(1), pass);
            Assert.All(edges, p => Assert.Equal(IngestGrid.Floor(p.Ts, Step), p.Ts));
            Assert.All(edges.GroupBy(p => p.Entity), series => Assert.All(
                series.Zip(series.Skip(1)), pair => Assert.True(pair.Second.Ts - pair.First.Ts >= Step, $"{series.Key}: {pair.First.Ts:O} and {pair.Second.Ts:O}")));

            await job.IngestAsync(CancellationToken.None);

            Assert.Equal(stored, await StoredAsync(gapStart, pass - Step));
            Assert.Equal(edges.Count, (await StoredRowsAsync(gapStart - TimeSpan.FromMinutes(1), pass)).Count);
        });
    }

    [Fact]
    public async Task GapLongerThanMaxBackfill_FilledOnlyUpToTheLimit_RestReportedAndCounted()
    {
        using var limit = app.OverrideSetting("Ingest:MaxBackfill", "00:01:00");
        await WithoutRecurringIngestAsync(async job =>
        {
            await job.IngestAsync(CancellationToken.None);
            var gapStart = (await WatermarkAsync()) - TimeSpan.FromMinutes(5);
            await OpenGapAsync(gapStart);
            var skippedBefore = await CounterAsync("dashboard_ingest_backfill_skipped_seconds_total");
            var gapsBefore = await CounterAsync("dashboard_ingest_gaps_total");

            await job.IngestAsync(CancellationToken.None);
            var pass = await WatermarkAsync();
            var expected = GapBackfill.Between(gapStart, pass, Step, TimeSpan.FromMinutes(1))!;

            Assert.Equal(pass - TimeSpan.FromMinutes(1), expected.From);
            Assert.Empty(await StoredAsync(gapStart, expected.From - Step));
            var truth = await PrometheusAsync(job, expected.From, expected.To);
            Assert.NotEmpty(truth);
            Assert.Equal(truth, await StoredAsync(expected.From - Step, expected.To));
            var status = await StatusAsync();
            Assert.Equal(60, status.LastBackfillSeconds);
            Assert.Equal(expected.Skipped.TotalSeconds, status.LastBackfillSkippedSeconds);
            Assert.True(expected.Skipped >= TimeSpan.FromMinutes(3.75), $"skipped {expected.Skipped}");
            Assert.True(await CounterAsync("dashboard_ingest_backfill_skipped_seconds_total") >= skippedBefore + expected.Skipped.TotalSeconds);
            Assert.True(await CounterAsync("dashboard_ingest_gaps_total") >= gapsBefore + 1);
        });
    }

    /// <summary>Only the test's passes ingest, so the gap and the watermark are the test's to see.</summary>
    private async Task WithoutRecurringIngestAsync(Func<PrometheusIngestJob, Task> test)
    {
        await using var quiet = await QuietIngest.StartAsync(app);
        await test(Get<PrometheusIngestJob>());
    }

    /// <summary>As if ingest had stopped at <paramref name="gapStart"/>: the points after it gone, the watermark back there.</summary>
    private async Task OpenGapAsync(DateTimeOffset gapStart)
    {
        await using var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM observations o USING series s WHERE o.series_id = s.id AND s.metric = {Metric} AND o.ts > {gapStart}
            """);
        await db.Database.ExecuteSqlAsync($"UPDATE source_status SET ingested_through = {gapStart} WHERE source = {PrometheusIngestJob.Source}");
    }

    private async Task<SourceStatusRow> StatusAsync() =>
        (await Get<SourceStatusTracker>().GetAsync(PrometheusIngestJob.Source, CancellationToken.None))!;

    private async Task<DateTimeOffset> WatermarkAsync() => (await StatusAsync()).IngestedThrough!.Value;

    /// <summary>What Prometheus holds for the metric over [from, to] at the ingest step.</summary>
    private async Task<SortedDictionary<string, double>> PrometheusAsync(PrometheusIngestJob job, DateTimeOffset from, DateTimeOffset to)
    {
        var promql = (await job.QueriesAsync(CancellationToken.None)).Single(q => q.Metric == Metric).Promql;
        var result = await Get<PrometheusClient>().QueryRangeAsync(promql, from, to, Step, CancellationToken.None);
        return new(result.ToObservations(Metric).ToDictionary(o => Key(o.Entity, o.Timestamp), o => o.Value), StringComparer.Ordinal);
    }

    /// <summary>Stored points of the Prometheus-read series in (after, through].</summary>
    private async Task<SortedDictionary<string, double>> StoredAsync(DateTimeOffset after, DateTimeOffset through) =>
        new((await StoredRowsAsync(after, through)).ToDictionary(p => Key(p.Entity, p.Ts), p => p.Value), StringComparer.Ordinal);

    private async Task<List<(string Entity, DateTimeOffset Ts, double Value)>> StoredRowsAsync(DateTimeOffset after, DateTimeOffset through)
    {
        await using var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        // The demo history writes other entities of the same metric; only the series Prometheus answers for count.
        var live = (await PrometheusAsync(Get<PrometheusIngestJob>(), through, through)).Keys.Select(k => k.Split('|')[0]).Distinct().ToList();
        var rows = await db.Observations
            .Join(db.Series, o => o.SeriesId, s => s.Id, (o, s) => new { s.Metric, s.Entity, o.Ts, o.Value })
            .Where(p => p.Metric == Metric && live.Contains(p.Entity) && p.Ts > after && p.Ts <= through)
            .OrderBy(p => p.Entity).ThenBy(p => p.Ts)
            .ToListAsync();
        return rows.Select(p => (p.Entity, p.Ts, p.Value)).ToList();
    }

    private static string Key(string entity, DateTimeOffset ts) => $"{entity}|{ts.UtcDateTime:O}";

    private async Task<double> CounterAsync(string name)
    {
        using var monitor = app.CreateRawClient(TestStack.Current.MetricsScrapeToken);
        var text = await monitor.GetStringAsync("/metrics");
        var match = Regex.Match(text, $@"^{name}\{{source=""prometheus""\}} (\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
