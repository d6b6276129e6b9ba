using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Ingest;

/// <summary>Ingestion from the real Prometheus and PostgreSQL into the real store, with sources failing.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class IngestJobTests(DashboardAppFactory app)
{
    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private async Task<List<DateTimeOffset>> TimestampsAsync(string metric, DateTimeOffset from, DateTimeOffset to)
    {
        await using var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Observations
            .Where(o => db.Series.Any(s => s.Id == o.SeriesId && s.Metric == metric) && o.Ts > from && o.Ts < to)
            .Select(o => o.Ts).Distinct().OrderBy(t => t).ToListAsync();
    }

    private async Task<SourceStatusRow> StatusAsync(string source) =>
        (await Get<SourceStatusTracker>().GetAllAsync(CancellationToken.None)).Single(s => s.Source == source);

    [Fact]
    public async Task PrometheusIngest_RealPrometheus_StoresCatalogSeriesAndMarksLive()
    {
        // A pass stores its points at the grid time of its run, up to one step earlier.
        var before = IngestGrid.Floor(DateTimeOffset.UtcNow, IngestGrid.Step).AddSeconds(-1);

        await Get<PrometheusIngestJob>().IngestAsync(CancellationToken.None);

        Assert.NotEmpty(await TimestampsAsync(MetricIds.Memory, before, DateTimeOffset.UtcNow.AddSeconds(5)));
        Assert.NotEmpty(await TimestampsAsync(MetricIds.Cpu, before, DateTimeOffset.UtcNow.AddSeconds(5)));
        var status = await StatusAsync(PrometheusIngestJob.Source);
        Assert.False(status.IsStale);
        Assert.Null(status.LastError);
    }

    [Fact]
    public async Task PrometheusStopped_StaleWithErrorAndNoPoints_ThenGapBackfilledOnReturn()
    {
        // Only this test's runs may ingest, so the gap is the test's to see.
        var quiet = await QuietIngest.StartAsync(app);
        var job = Get<PrometheusIngestJob>();
        try
        {
            await job.IngestAsync(CancellationToken.None);
            var lastGood = (await StatusAsync(PrometheusIngestJob.Source)).IngestedThrough!.Value;
            // Prometheus keeps scraping for two grid steps; the dashboard does not read it.
            await Eventually.WaitForAsync(() => Task.FromResult(DateTimeOffset.UtcNow), t => t > lastGood.AddSeconds(31), TimeSpan.FromSeconds(50), "time to pass");
            var stoppedAt = DateTimeOffset.UtcNow;
            await StackControl.StopAsync("prometheus");
            try
            {
                var written = await job.IngestAsync(CancellationToken.None);

                Assert.Equal(0, written);
                var stale = await StatusAsync(PrometheusIngestJob.Source);
                Assert.True(stale.IsStale);
                Assert.True(stale.StaleSince <= stoppedAt, "stale since the last good read, not since the failure");
                Assert.Contains("Prometheus", stale.LastError);
                Assert.Empty(await TimestampsAsync(MetricIds.Memory, lastGood.AddSeconds(1), stoppedAt));
            }
            finally
            {
                await StackControl.StartAsync("prometheus");
            }

            await Eventually.WaitForAsync(() => job.IngestAsync(CancellationToken.None), _ => true, TimeSpan.FromSeconds(30), "an ingest after the restart");

            var backfilled = await TimestampsAsync(MetricIds.Memory, lastGood.AddSeconds(1), stoppedAt);
            Assert.True(backfilled.Count >= 2, $"expected the gap of two or more grid steps backfilled at 15 s, found {backfilled.Count} points");
            Assert.All(backfilled, t => Assert.Equal(IngestGrid.Floor(t, IngestGrid.Step), t));
            Assert.False((await StatusAsync(PrometheusIngestJob.Source)).IsStale);
        }
        finally
        {
            await quiet.DisposeAsync();
        }
    }

    [Fact]
    public async Task PostgresStats_Primary_StoresConnectionsAndKeepsSnapshot()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await Get<PostgresStatsJob>().CollectAllAsync(CancellationToken.None);

        Assert.NotEmpty(await TimestampsAsync(MetricIds.DbConnections, before, DateTimeOffset.UtcNow.AddSeconds(5)));
        Assert.False((await StatusAsync("postgres:dashboard")).IsStale);
        var snapshot = Get<PostgresSnapshots>().Get("dashboard");
        Assert.NotNull(snapshot?.Connections.Data);
    }

    [Fact]
    public async Task PostgresTarget_Unreachable_StaleWithServerError_OtherTargetsStillCollected()
    {
        var primary = TestStack.WithDatabase(TestStack.Current.PrimaryConnectionString, "postgres");
        using var good = app.OverrideSetting("Ingest:Postgres:main", primary);
        using var bad = app.OverrideSetting("Ingest:Postgres:gone", "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=2");

        await Get<PostgresStatsJob>().CollectAllAsync(CancellationToken.None);

        var gone = await StatusAsync("postgres:gone");
        Assert.True(gone.IsStale);
        Assert.Contains("PostgreSQL gone:", gone.LastError);
        Assert.False((await StatusAsync("postgres:main")).IsStale);
    }

    [Fact]
    public async Task SourcesApi_StaleSource_ShownWithSinceAndError()
    {
        await Get<SourceStatusTracker>().RecordFailureAsync("scrape:test-target", "connection refused", CancellationToken.None);
        using var designer = app.CreateRawClient(app.For("designer").Token);

        var body = await designer.GetStringAsync("/api/v1/sources");

        Assert.Contains("\"source\":\"scrape:test-target\",\"state\":\"stale\"", body);
        Assert.Contains("connection refused", body);
    }
}

[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ScrapeIngestJobTests(DashboardAppFactory app)
{
    [Fact]
    public async Task DirectScrape_NodeExporterAndLoginPage_NodeStoredLoginPageStaleWithReason()
    {
        var stack = TestStack.Current;
        using var node = app.OverrideSetting("Ingest:ScrapeTargets:node:Url", $"http://127.0.0.1:{stack.NodeExporterPort}/metrics");
        using var html = app.OverrideSetting("Ingest:ScrapeTargets:login:Url", new Uri(app.BaseAddress, "/account/login").ToString());
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await app.Services.GetRequiredService<ScrapeIngestJob>().ScrapeAllAsync(CancellationToken.None);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var memTotal = await db.Observations
            .Where(o => o.Ts > before && db.Series.Any(s => s.Id == o.SeriesId && s.Metric == "node_memory_MemTotal_bytes" && s.Entity.StartsWith("target=\"node\"")))
            .Select(o => o.Value).ToListAsync();
        Assert.NotEmpty(memTotal);
        Assert.All(memTotal, v => Assert.True(v > 0));
        var statuses = await app.Services.GetRequiredService<SourceStatusTracker>().GetAllAsync(CancellationToken.None);
        Assert.False(statuses.Single(s => s.Source == "scrape:node").IsStale);
        var login = statuses.Single(s => s.Source == "scrape:login");
        Assert.True(login.IsStale);
        Assert.Contains("not a metrics endpoint (got text/html; a login page?)", login.LastError);
        Assert.False(await db.Series.AnyAsync(s => s.Entity.StartsWith("target=\"login\"")));
    }

    [Fact]
    public void ToObservations_LabelsCanonicalAndEscaped_TargetFirst()
    {
        var families = new Dashboard.Jobs.Sources.Exposition.ExpositionParser().Parse(
            "# TYPE t gauge\nt{b=\"2\",a=\"q\\\"uote\"} 7\n"u8.ToArray(), Dashboard.Jobs.Sources.Exposition.ExpositionFormat.PrometheusText);
        var at = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

        var observation = Assert.Single(ScrapeIngestJob.ToObservations("app", families, at));

        Assert.Equal("t", observation.Metric);
        Assert.Equal("target=\"app\",a=\"q\\\"uote\",b=\"2\"", observation.Entity);
        Assert.Equal(7, observation.Value);
        Assert.Equal(at, observation.Timestamp);
    }
}
