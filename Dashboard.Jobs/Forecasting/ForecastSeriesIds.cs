using Dashboard.Domain.Catalog;

namespace Dashboard.Jobs.Forecasting;

/// <summary>Which stored series the forecast job fits: every catalog metric, plus active users for the growth-stage ETA.</summary>
public static class ForecastSeriesIds
{
    /// <summary>Active users (a gauge), forecast for the growth-stage ETA; has no threshold.</summary>
    public const string ActiveUsers = "active_users";

    /// <summary>The built-in metric ids in the order views list them, then active users.</summary>
    public static IReadOnlyList<string> All { get; } = [.. MetricCatalog.Default.Metrics.Select(m => m.Id), ActiveUsers];

    /// <summary>The series to fit for a set of stored resources: the built-ins in catalog order, the user-defined ones by id, then active users.</summary>
    /// <param name="resourceIds">The ids of the stored resources (metric_settings).</param>
    public static IReadOnlyList<string> For(IEnumerable<string> resourceIds) =>
        [.. MetricCatalog.Default.Metrics.Select(m => m.Id), .. resourceIds.Where(id => !MetricCatalog.Default.TryGet(id, out _)).Order(StringComparer.Ordinal), ActiveUsers];
}
