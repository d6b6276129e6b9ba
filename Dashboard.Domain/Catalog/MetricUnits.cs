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

    /// <summary>Bytes (memory, disk, a bucket's size); shown with binary prefixes (KiB, MiB, GiB).</summary>
    public const string Bytes = "bytes";

    /// <summary>Per second (requests, messages, bytes moved), a rate.</summary>
    public const string PerSecond = "/s";

    /// <summary>Every unit a resource may be in.</summary>
    public static IReadOnlyList<string> All { get; } = [Percent, Milliseconds, Seconds, Count, Bytes, PerSecond];
}
