namespace Dashboard.Domain.Catalog;

/// <summary>The stable string ids of the default catalog's metrics (stored in databases and settings; never rename).</summary>
public static class MetricIds
{
    /// <summary>Uptime, percent.</summary>
    public const string Uptime = "uptime";

    /// <summary>p50 response time, milliseconds.</summary>
    public const string LatencyP50 = "latency_p50";

    /// <summary>p99 response time, milliseconds.</summary>
    public const string LatencyP99 = "latency_p99";

    /// <summary>Error rate, percent of requests.</summary>
    public const string ErrorRate = "error_rate";

    /// <summary>CPU utilisation, percent.</summary>
    public const string Cpu = "cpu";

    /// <summary>Memory usage, percent.</summary>
    public const string Memory = "memory";

    /// <summary>Database connections, percent of the pool.</summary>
    public const string DbConnections = "db_connections";

    /// <summary>Disk usage, percent.</summary>
    public const string Disk = "disk";

    /// <summary>Queue depth, jobs waiting.</summary>
    public const string QueueDepth = "queue_depth";

    /// <summary>Queue processing latency, seconds.</summary>
    public const string QueueLatency = "queue_latency";

    /// <summary>Signup success rate, percent.</summary>
    public const string SignupSuccess = "signup_success";

    /// <summary>Payment success rate, percent.</summary>
    public const string PaymentSuccess = "payment_success";
}
