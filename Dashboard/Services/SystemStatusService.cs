using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Dashboard.Services;

/// <summary>Catalog thresholds and job runs for the overview and the API, read via the cache over the replica; the gauges now from <see cref="ReadingService"/>.</summary>
public sealed class SystemStatusService(IDbContextFactory<ReadDbContext> reads, HybridCache cache, SourceStatusTracker sources, ReadingService readings)
{
    public const string CatalogTag = "catalog";
    public const string CatalogKey = "catalog";

    public async Task<IReadOnlyList<MetricSettingRow>> GetCatalogAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(CatalogKey, async ct =>
        {
            await using var db = await reads.CreateDbContextAsync(ct);
            return await db.MetricSettings.OrderBy(m => m.Category).ThenBy(m => m.MetricId).ToListAsync(ct);
        }, tags: [CatalogTag], cancellationToken: cancellationToken);

    /// <summary>
    /// After a change to the resources or their levels: drops every view built on the old catalog, then writes the
    /// catalog through from the primary (a refill from a lagging replica would pin the old one for the cache's lifetime).
    /// </summary>
    public static async Task WriteCatalogThroughAsync(DashboardDbContext primary, HybridCache cache, ReadingService readings, CancellationToken cancellationToken)
    {
        await cache.RemoveByTagAsync(CatalogTag, cancellationToken);
        readings.Invalidate();
        var catalog = await primary.MetricSettings.AsNoTracking().OrderBy(m => m.Category).ThenBy(m => m.MetricId).ToListAsync(cancellationToken);
        await cache.SetAsync(CatalogKey, catalog, tags: [CatalogTag], cancellationToken: cancellationToken);
    }

    /// <summary>Every series' stored reading as a gauge (GET /api/v1/status); null before the first ingest pass.</summary>
    public Task<GaugeBatch?> GetGaugesAsync(CancellationToken cancellationToken) => readings.GetGaugesAsync(cancellationToken);

    /// <summary>
    /// Source health, from the primary and never cached: "stale since T" must not itself be stale.
    /// Per-expression entries are shown only while they fail.
    /// </summary>
    public async Task<IReadOnlyList<SourceStatusRow>> GetSourcesAsync(CancellationToken cancellationToken) =>
        (await sources.GetAllAsync(cancellationToken)).Where(s => !s.Source.Contains(':', StringComparison.Ordinal) || s.Source.StartsWith("postgres:", StringComparison.Ordinal) || s.IsStale).ToList();

    /// <summary>Not cached: this is how operators see whether the pipeline is alive right now.</summary>
    public async Task<IReadOnlyList<JobRunRow>> GetJobRunsAsync(CancellationToken cancellationToken)
    {
        await using var db = await reads.CreateDbContextAsync(cancellationToken);
        return await db.JobRuns.OrderBy(j => j.JobId).ToListAsync(cancellationToken);
    }
}
