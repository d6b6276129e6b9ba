namespace Dashboard.Domain.Catalog;

/// <summary>The unit strings the catalog uses (see docs/decisions/002-domain-units-and-models.md).</summary>
public static class MetricUnits
{
    /// <summary>Percent, 0-100 (70 means 70 %).</summary>
    public const string Percent = "%";

    /// <summary>Milliseconds, for request latency.</summary>
    public const string Milliseconds = "ms";

    /// <summary>Seconds, for queue processing latency.</summary>
    public const string Seconds = "s";

    /// <summary>A plain count (jobs in a queue).</summary>
    public const string Count = "count";
}
