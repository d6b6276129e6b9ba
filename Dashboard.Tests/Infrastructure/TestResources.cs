using Dashboard.Domain.Catalog;

namespace Dashboard.Tests.Infrastructure;

/// <summary>User-defined resources the test stack can measure.</summary>
public static class TestResources
{
    /// <summary>
    /// Prometheus' own resident memory against the host's memory: usage against capacity, no entity label (one
    /// capacity for every usage series). Without an id: the address names it.
    /// </summary>
    public static ResourceDraft PrometheusMemory(string name, double warning, double critical, string note) => new()
    {
        Name = name,
        Category = "Saturation",
        Unit = MetricUnits.Bytes,
        Direction = "AboveIsBad",
        Warning = warning,
        Critical = critical,
        UsageQuery = "process_resident_memory_bytes{job=\"prometheus\"}",
        CapacityQuery = "node_memory_MemTotal_bytes{job=\"node\"}",
        Note = note,
    };
}
