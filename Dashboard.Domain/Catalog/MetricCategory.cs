namespace Dashboard.Domain.Catalog;

/// <summary>The groups of the key-metrics table.</summary>
public enum MetricCategory
{
    /// <summary>Is the service up (uptime).</summary>
    Availability,

    /// <summary>How fast it answers (p50, p99).</summary>
    Latency,

    /// <summary>How often it fails (error rate).</summary>
    Errors,

    /// <summary>How full its resources are (CPU, memory, connections, disk).</summary>
    Saturation,

    /// <summary>How far behind background work is (depth, processing latency).</summary>
    Queue,

    /// <summary>Whether users get what they came for (signup and payment success).</summary>
    Business,
}
