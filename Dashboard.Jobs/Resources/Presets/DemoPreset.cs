using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Demo;
using Dashboard.Jobs.Sources.Prometheus;

namespace Dashboard.Jobs.Resources.Presets;

/// <summary>The demo application's default queries (DefaultQueries, exactly): the built-ins as the product ships them.</summary>
internal static class DemoPreset
{
    public static Preset Pack { get; } = new(
        "demo",
        "Demo application (built-in defaults)",
        $"The twelve catalog metrics with their default queries: node_exporter and postgres_exporter for the host and database, " +
        $"the application scraped as job=\"{DefaultQueries.AppJob}\" with prometheus-net's HTTP metrics and its queue and business counters.",
        ["node_cpu_seconds_total", "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes", "node_filesystem_avail_bytes",
            "node_filesystem_size_bytes", "pg_stat_activity_count", "pg_settings_max_connections", "http_request_duration_seconds_bucket",
            "http_requests_received_total", "demo_queue_depth", "demo_queue_oldest_job_age_seconds", "demo_signups_total", "demo_payments_total"],
        [.. MetricCatalog.Default.Metrics.Select(m =>
            BuiltInResource.Repoint(m.Id, DefaultQueries.All[m.Id], EntityOf(m.Id), "The product's default query (DefaultQueries)."))]);

    /// <summary>The labels each default query keeps, as the demo's series carry them (none for the pooled application figures).</summary>
    private static string? EntityOf(string metricId) =>
        DemoFleet.EntityOf(metricId) is { IsEmpty: false } labels ? string.Join(", ", labels.Labels.Select(l => l.Key)) : null;
}
