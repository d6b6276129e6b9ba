using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Storage;

/// <summary>
/// Adds catalog metrics the database does not have yet. Rows an operator has overridden
/// keep their thresholds; untouched rows follow the catalog's current defaults.
/// </summary>
internal static class CatalogSeeder
{
    public static async Task SeedAsync(DashboardDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.MetricSettings.ToDictionaryAsync(m => m.MetricId, cancellationToken);
        foreach (var metric in DefaultCatalogRows.Create(now))
        {
            if (!existing.TryGetValue(metric.MetricId, out var row))
            {
                db.MetricSettings.Add(metric);
            }
            else if (!row.IsOverridden)
            {
                row.Category = metric.Category;
                row.Name = metric.Name;
                row.Unit = metric.Unit;
                row.Direction = metric.Direction;
                row.Warning = metric.Warning;
                row.Critical = metric.Critical;
                row.SustainedForSeconds = metric.SustainedForSeconds;
            }
        }
    }
}
