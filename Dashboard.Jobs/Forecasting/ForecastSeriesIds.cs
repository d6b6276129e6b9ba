using Dashboard.Domain.Catalog;

namespace Dashboard.Jobs.Forecasting;

/// <summary>Which stored series the forecast job fits: every catalog metric, plus active users for the growth-stage ETA.</summary>
public static class ForecastSeriesIds
{
    /// <summary>Active users (a gauge), forecast for the growth-stage ETA; has no threshold.</summary>
    public const string ActiveUsers = "active_users";

    /// <summary>The metric ids in the order views list them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. MetricCatalog.Default.Metrics.Select(m => m.Id), ActiveUsers];
}
