namespace Dashboard.Components.Live;

/// <summary>
/// The parts of a gauge card that change at different times: an update resends only the parts whose
/// text changed (decision 037). The reading and the sparkline change with every sample, the head and the
/// meter with the value or the status, the thresholds almost never.
/// </summary>
public enum GaugePart
{
    /// <summary>The title ("CPU utilization: 72 %"), the series' label and the status chip.</summary>
    Head,

    /// <summary>The bar and its threshold marks.</summary>
    Meter,

    /// <summary>The reading with its time, and the stale line.</summary>
    Reading,

    /// <summary>The last hour.</summary>
    Sparkline,

    /// <summary>The threshold caption.</summary>
    Thresholds,
}
