using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Storage.Entities;

namespace Dashboard.Jobs.Storage;

/// <summary>The Domain's default catalog as database rows: the single source of the thresholds.</summary>
internal static class DefaultCatalogRows
{
    public static IEnumerable<MetricSettingRow> Create(DateTimeOffset now) =>
        MetricCatalog.Default.Metrics.Select(m => new MetricSettingRow
        {
            MetricId = m.Id,
            Category = m.Category.ToString(),
            Name = m.Name,
            Unit = m.Unit,
            Direction = m.Threshold.Direction.ToString(),
            Warning = m.Threshold.Warning,
            Critical = m.Threshold.Critical,
            SustainedForSeconds = m.Threshold.SustainedFor is { } s ? (int)s.TotalSeconds : null,
            UpdatedAt = now,
            UpdatedBy = "catalog",
        });
}
