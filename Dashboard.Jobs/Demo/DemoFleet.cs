using Dashboard.Domain.Catalog;
using Dashboard.Domain.Series;
using Dashboard.Jobs.Forecasting;

namespace Dashboard.Jobs.Demo;

/// <summary>
/// The demo SaaS as its exporters would describe it: one application host "demo-saas" (node_exporter-
/// shaped CPU, memory and file-system metrics), its database server (postgres_exporter-shaped
/// connection counts) and the application's own request, queue and business metrics. The demo
/// workload exposes these with its own <c>instance</c> label (Prometheus keeps it: honor_labels), so
/// the default queries give each catalog metric the entity <see cref="EntityOf"/> returns, and the
/// generated history is written under that same entity: one series from its past into its present.
/// </summary>
public static class DemoFleet
{
    /// <summary>The demo host's <c>instance</c> label.</summary>
    public const string Instance = "demo-saas";

    /// <summary>The scrape job of the demo target (the application job the default queries select).</summary>
    public const string Job = Sources.Prometheus.DefaultQueries.AppJob;

    /// <summary>The demo database server, as postgres_exporter names it.</summary>
    public const string DbServer = "demo-db:5432";

    /// <summary>The demo host's root file system.</summary>
    public const string Device = "/dev/nvme0n1p1";

    /// <summary>Its mount point.</summary>
    public const string MountPoint = "/";

    /// <summary>Its file-system type.</summary>
    public const string FsType = "ext4";

    /// <summary>Availability comes from the application's requests (the SLI's first source).</summary>
    public const string SliSource = "requests";

    /// <summary>
    /// The entity the default query of <paramref name="metricId"/> gives the demo's series: what the
    /// query keeps of the labels the demo exposes (aggregates over the application keep none).
    /// </summary>
    public static LabelSet EntityOf(string metricId) => metricId switch
    {
        MetricIds.Cpu => LabelSet.Of(("instance", Instance)),
        MetricIds.Memory => LabelSet.Of(("instance", Instance), ("job", Job)),
        MetricIds.Disk => LabelSet.Of(("device", Device), ("fstype", FsType), ("instance", Instance), ("job", Job), ("mountpoint", MountPoint)),
        MetricIds.DbConnections => LabelSet.Of(("instance", Instance), ("job", Job), ("server", DbServer)),
        MetricIds.Uptime => LabelSet.Of(("sli", SliSource)),
        MetricIds.LatencyP50 or MetricIds.LatencyP99 or MetricIds.ErrorRate or MetricIds.QueueDepth or MetricIds.QueueLatency
            or MetricIds.SignupSuccess or MetricIds.PaymentSuccess or ForecastSeriesIds.ActiveUsers => LabelSet.Empty,
        _ => throw new ArgumentOutOfRangeException(nameof(metricId), metricId, "The demo has no series for this metric."),
    };

    /// <summary>
    /// The demo application's routes: each one's share of requests and its median latency relative to the application's.
    /// The live workload draws requests from these, and the history gives each route's latency series its past.
    /// </summary>
    public static IReadOnlyList<DemoRoute> Routes { get; } =
    [
        new("/", 0.30, 0.6), new("/app", 0.35, 1.0), new("/api/orders", 0.25, 1.2), new("/checkout", 0.10, 2.0),
    ];

    /// <summary>The entity the per-route latency queries give a route's series (they keep only the route label).</summary>
    public static LabelSet RouteEntity(string route) => LabelSet.Of(("route", route));

    /// <summary>The demo application's bottleneck candidates for the what-if: its host's CPU and its database's connections.</summary>
    public static IReadOnlyList<SeriesId> BottleneckSeries { get; } =
        [new(MetricIds.Cpu, EntityOf(MetricIds.Cpu)), new(MetricIds.DbConnections, EntityOf(MetricIds.DbConnections))];

    /// <summary>Whether <paramref name="entity"/> is one of the demo's series of <paramref name="metricId"/>.</summary>
    public static bool Owns(string metricId, string entity) =>
        ForecastSeriesIds.All.Contains(metricId) && EntityOf(metricId).Text == entity;
}

/// <summary>One route of the demo application.</summary>
/// <param name="Route">The route label, as the request-duration histogram carries it.</param>
/// <param name="Share">Its share of requests (the shares sum to 1).</param>
/// <param name="LatencyFactor">Its median latency over the application's median.</param>
public sealed record DemoRoute(string Route, double Share, double LatencyFactor);
