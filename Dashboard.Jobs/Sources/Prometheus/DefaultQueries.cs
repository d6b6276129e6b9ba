using Dashboard.Domain.Catalog;

namespace Dashboard.Jobs.Sources.Prometheus;

/// <summary>
/// The default PromQL of each catalog metric, in the catalog's units (decision 002): percentages
/// 0-100, p50/p99 latency in ms, queue processing latency in s, queue depth a count. Each one can
/// be replaced per deployment with <c>Prometheus:Queries:&lt;metric id&gt;</c>.
/// <para>
/// Sources: node_exporter (CPU, memory, disk), postgres_exporter (connections), and the monitored
/// application scraped as <c>job="demo"</c> with prometheus-net's ASP.NET Core metrics
/// (<c>http_request_duration_seconds</c> histogram, <c>http_requests_received_total{code}</c>) plus
/// these application metrics, which the demo workload exposes and a real application should too
/// (or the deployment edits the expressions):
/// </para>
/// <list type="bullet">
/// <item><c>demo_queue_depth</c> (gauge): jobs waiting in the queue.</item>
/// <item><c>demo_queue_oldest_job_age_seconds</c> (gauge): age of the oldest waiting job, the processing latency a new job will see.</item>
/// <item><c>demo_signups_total{outcome="success"|"failure"}</c> (counter): signup attempts by outcome.</item>
/// <item><c>demo_payments_total{outcome="success"|"failure"}</c> (counter): payment attempts by outcome.</item>
/// </list>
/// An expression that matches nothing answers "no data"; ratios keep a missing numerator as 0
/// (<c>or vector(0)</c>: no failures yet is 0 failures) but a missing denominator stays "no data".
/// </summary>
public static class DefaultQueries
{
    /// <summary>The application's scrape job the request, queue and business expressions select.</summary>
    public const string AppJob = "demo";

    /// <summary>File systems that are not disks (node_exporter reports them too).</summary>
    public const string PseudoFileSystems = "tmpfs|devtmpfs|ramfs|squashfs|iso9660|nsfs|autofs|fuse.lxcfs";

    /// <summary>Metric id -> PromQL.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [MetricIds.Uptime] = Availability,
        [MetricIds.LatencyP50] = $"histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket{{job=\"{AppJob}\"}}[5m]))) * 1000",
        [MetricIds.LatencyP99] = $"histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{{job=\"{AppJob}\"}}[5m]))) * 1000",
        [MetricIds.ErrorRate] =
            $"(sum(rate(http_requests_received_total{{job=\"{AppJob}\",code=~\"5..\"}}[5m])) or vector(0)) / sum(rate(http_requests_received_total{{job=\"{AppJob}\"}}[5m])) * 100",
        // Busy seconds over all seconds, per host: a ratio of two rates, so it is right even while a series is younger than
        // the rate window (rate() then under-reads both alike), where 1 - rate(idle) would read a just-started host as busy.
        [MetricIds.Cpu] = "100 * sum by (instance) (rate(node_cpu_seconds_total{mode!=\"idle\"}[5m])) / sum by (instance) (rate(node_cpu_seconds_total[5m]))",
        [MetricIds.Memory] = "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)",
        [MetricIds.DbConnections] =
            "100 * sum by (job, instance, server) (pg_stat_activity_count) / on (job, instance, server) max by (job, instance, server) (pg_settings_max_connections)",
        [MetricIds.Disk] =
            $"100 * (1 - node_filesystem_avail_bytes{{fstype!~\"{PseudoFileSystems}\"}} / node_filesystem_size_bytes{{fstype!~\"{PseudoFileSystems}\"}})",
        [MetricIds.QueueDepth] = "sum(demo_queue_depth)",
        [MetricIds.QueueLatency] = "max(demo_queue_oldest_job_age_seconds)",
        [MetricIds.SignupSuccess] = SuccessRate("demo_signups_total"),
        [MetricIds.PaymentSuccess] = SuccessRate("demo_payments_total"),
    };

    /// <summary>
    /// The availability SLI (decision 020): the share of the monitored application's valid requests
    /// that were good (not a 5xx), over the last 5 minutes, computed from its request counters. Without
    /// request metrics it falls back to blackbox probe success, and last to the share of scrape targets
    /// up. Each result is labelled with its source (<c>sli="requests"|"probes"|"up"</c>), so a figure
    /// never hides which definition it uses; <c>or on()</c> takes a fallback only when the one before
    /// it has no data.
    /// </summary>
    public const string Availability =
        $"label_replace(100 * (1 - ((sum(rate(http_requests_received_total{{job=\"{AppJob}\",code=~\"5..\"}}[5m])) or vector(0)) / sum(rate(http_requests_received_total{{job=\"{AppJob}\"}}[5m])))), \"sli\", \"requests\", \"\", \"\")" +
        $" or on() label_replace(100 * avg(avg_over_time(probe_success{{job=\"{AppJob}-probe\"}}[5m])), \"sli\", \"probes\", \"\", \"\")" +
        $" or on() label_replace(100 * avg(avg_over_time(up{{job=\"{AppJob}\"}}[5m])), \"sli\", \"up\", \"\", \"\")";

    /// <summary>The window the availability SLI's readings cover (its rate window).</summary>
    public static readonly TimeSpan AvailabilityWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The availability SLI as an error ratio (0..1) over <see cref="AvailabilityWindow"/>, from the availability
    /// query in force (this default or the deployment's <c>Prometheus:Queries:uptime</c>): 1 - percent / 100,
    /// without the <c>sli</c> source label, so a change of source (requests, probes, up) continues one series, as
    /// the dashboard pools them into one timeline (decision 020). The generated Prometheus rules record it.
    /// </summary>
    public static string AvailabilityErrorRatio(string availabilityQuery)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(availabilityQuery);
        return $"1 - max without (sli) ({availabilityQuery.Trim()}) / 100";
    }

    /// <summary>p50 page latency per route, ms (not a catalog metric: no gauge, no forecast; the designer view reads it).</summary>
    public const string RouteLatencyP50 = "route_latency_p50";

    /// <summary>p99 page latency per route, ms.</summary>
    public const string RouteLatencyP99 = "route_latency_p99";

    /// <summary>
    /// Per-route latency series, stored with the route's label as their entity (e.g. <c>route="/checkout"</c>).
    /// The demo labels its histogram <c>route</c>; prometheus-net's own HTTP metrics label it
    /// <c>endpoint</c>: a deployment replaces these with <c>Prometheus:Queries:route_latency_p50</c> / <c>_p99</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PerRoute { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RouteLatencyP50] = $"histogram_quantile(0.5, sum by (le, route) (rate(http_request_duration_seconds_bucket{{job=\"{AppJob}\"}}[5m]))) * 1000",
        [RouteLatencyP99] = $"histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{{job=\"{AppJob}\"}}[5m]))) * 1000",
    };

    /// <summary>Active users of the monitored application (stored for the growth-stage forecast, not a gauge).</summary>
    public const string ActiveUsers = $"max(demo_active_users{{job=\"{AppJob}\"}})";

    /// <summary>Series stored but not shown as gauges: per-route latency and active users.</summary>
    public static IReadOnlyDictionary<string, string> Stored { get; } = new Dictionary<string, string>(PerRoute, StringComparer.Ordinal)
    {
        [Forecasting.ForecastSeriesIds.ActiveUsers] = ActiveUsers,
    };

    /// <summary>The expression for <paramref name="metricId"/>: the deployment's override when there is one, else the default.</summary>
    public static string For(string metricId, IReadOnlyDictionary<string, string>? overrides = null) =>
        overrides is not null && overrides.TryGetValue(metricId, out var custom) && !string.IsNullOrWhiteSpace(custom)
            ? custom
            : All.TryGetValue(metricId, out var standard) || Stored.TryGetValue(metricId, out standard)
                ? standard
                : throw new KeyNotFoundException($"No PromQL for metric id '{metricId}': it is neither a catalog metric nor a per-route series.");

    private static string SuccessRate(string counter) =>
        $"100 * (sum(rate({counter}{{outcome=\"success\"}}[15m])) or vector(0)) / sum(rate({counter}[15m]))";
}
