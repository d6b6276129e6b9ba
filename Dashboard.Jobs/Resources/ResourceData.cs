using Dashboard.Jobs.Storage;
using Dashboard.Jobs.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Resources;

/// <summary>Everything stored about one resource's series, removed when the resource is deleted.</summary>
public static class ResourceData
{
    /// <summary>
    /// Deletes the resource's readings, raw points and rollups, series, forecasts and the dashboard's own alerts,
    /// in the caller's transaction.
    /// </summary>
    public static async Task DeleteAsync(DashboardDbContext db, string metric, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.SeriesStates.Where(s => s.Metric == metric).ExecuteDeleteAsync(cancellationToken);
        await db.Forecasts.Where(f => f.Metric == metric).ExecuteDeleteAsync(cancellationToken);
        await db.Alerts.Where(a => a.Source == AlertRow.DashboardSource && a.Metric == metric).ExecuteDeleteAsync(cancellationToken);
        foreach (var table in (string[])["observations", "observations_5m", "observations_1h"])
        {
#pragma warning disable EF1002 // the table name is one of three constants; the metric is a parameter
            await db.Database.ExecuteSqlRawAsync(
                $"DELETE FROM {table} WHERE series_id IN (SELECT id FROM series WHERE metric = {{0}})", [metric], cancellationToken);
#pragma warning restore EF1002
        }
        await db.Database.ExecuteSqlRawAsync("DELETE FROM series WHERE metric = {0}", [metric], cancellationToken);
    }
}
